# Checks checklist commands against the AWS CLI v2 installed here, offline, in one process:
# - each distinct `aws SERVICE OPERATION` once with --generate-cli-skeleton;
# - each whole command, parsed by the CLI itself (option names, shorthand and JSON values,
#   file:// parameters), its parameters validated against the operation's model, enum
#   values included. The call that would reach AWS is replaced, so nothing is sent.
# Commands that are not API operations (aws s3 cp, aws configure sso, aws sso login) are
# checked against their option table and never run.
# stdin: {"skeleton": [[service, operation], ...], "commands": [[argv...], ...]}
# stdout: {"skeleton": [{"rc", "err"}...], "commands": [{"ok", "err", "how"}...]}
import contextlib
import io
import json
import sys

import awscli.clidriver
from botocore.validate import ParamValidator

reached = []


def check_enums(shape, value, path, errors):
    if shape is None:
        return
    if shape.type_name == 'structure' and isinstance(value, dict):
        for name, v in value.items():
            if name in shape.members:
                check_enums(shape.members[name], v, f'{path}.{name}', errors)
    elif shape.type_name == 'list' and isinstance(value, list):
        for i, v in enumerate(value):
            check_enums(shape.member, v, f'{path}[{i}]', errors)
    elif shape.type_name == 'map' and isinstance(value, dict):
        for k, v in value.items():
            check_enums(shape.value, v, f'{path}.{k}', errors)
    elif shape.type_name == 'string' and getattr(shape, 'enum', None) and isinstance(value, str):
        if value not in shape.enum:
            errors.append(f'{path}: {value!r} is not one of {shape.enum}')


def invoke(self, service_name, operation_name, parameters, parsed_globals):
    op = self._session.get_service_model(service_name).operation_model(operation_name)
    # The CLI passes its paginator settings (--max-items ...) along with the parameters.
    parameters = {k: v for k, v in parameters.items() if k != 'PaginationConfig'}
    if op.input_shape is None:
        if parameters:
            raise ValueError(f'{operation_name} takes no parameters, got {sorted(parameters)}')
    else:
        report = ParamValidator().validate(parameters, op.input_shape)
        if report.has_errors():
            raise ValueError(report.generate_report())
    errors = []
    check_enums(op.input_shape, parameters, operation_name, errors)
    if errors:
        raise ValueError('; '.join(errors))
    reached.append(operation_name)
    return 0


awscli.clidriver.CLIOperationCaller.invoke = invoke

driver = awscli.clidriver.create_clidriver()
GLOBAL = set(driver._get_argument_table().keys())


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(argv)
        except SystemExit as e:
            rc = e.code
    return rc, err.getvalue().strip()


def subcommands(cmd):
    if isinstance(cmd, awscli.clidriver.ServiceCommand):
        return cmd._get_command_table()
    return getattr(cmd, 'subcommand_table', {}) or {}


def check_options(cmd, args):
    known = set(cmd.arg_table.keys()) | GLOBAL
    for a in args:
        if a.startswith('--'):
            name = a[2:].split('=', 1)[0]
            if name not in known:
                return f'unknown option --{name}'
    return None


def check_command(argv):
    table = driver._get_command_table()
    if argv[0] not in table:
        return {'ok': False, 'err': f'no such command: aws {argv[0]}'}
    cmd = table[argv[0]]
    rest = argv[1:]
    # Walk down the subcommands named before the first option.
    while rest and not rest[0].startswith('-'):
        sub = subcommands(cmd).get(rest[0])
        if sub is None:
            break
        cmd, rest = sub, rest[1:]
    if isinstance(cmd, awscli.clidriver.ServiceOperation):
        # The CLI accepts unambiguous abbreviations (--versioning): checklists spell options out.
        err = check_options(cmd, rest)
        if err:
            return {'ok': False, 'err': err, 'how': 'parsed and validated'}
        before = len(reached)
        rc, err = run(argv)
        ok = rc == 0 and len(reached) == before + 1
        return {'ok': ok, 'err': err or (None if ok else f'rc {rc}'), 'how': 'parsed and validated'}
    if isinstance(cmd, awscli.clidriver.ServiceCommand) or not hasattr(cmd, 'arg_table'):
        return {'ok': False, 'err': f'aws {" ".join(argv[:2])} is not a command'}
    err = check_options(cmd, [a for a in rest if a.startswith('--')])
    return {'ok': err is None, 'err': err, 'how': 'options checked'}


request = json.load(sys.stdin)
result = {'skeleton': [], 'commands': []}
for service, operation in request['skeleton']:
    rc, err = run([service, operation, '--generate-cli-skeleton'])
    result['skeleton'].append({'rc': rc, 'err': err})
for argv in request['commands']:
    try:
        result['commands'].append(check_command(argv))
    except Exception as e:  # a checker bug must fail the test, not pass it
        result['commands'].append({'ok': False, 'err': f'checker: {e!r}'})
json.dump(result, sys.__stdout__)
