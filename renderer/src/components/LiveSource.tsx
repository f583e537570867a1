import { useEffect, useRef, useState } from 'react';
import { isEndpointUrl } from '../../../electron/ipc/endpoint-url';
import { call, type CallError, type LiveConnection, type Output } from '../api';
import { asSentence } from '../format';
import { Alert } from './Alert';
import { Radio } from './Radio';
import { SelectField } from './SelectField';
import { TextField } from './TextField';

/** What the clerk fills in to read the account live. Typed keys stay in this page's memory until Canvass closes. */
export interface LiveForm {
  signIn: 'profile' | 'keys';
  /** "default" sends no profile: the standard sign-in (environment, then the default profile, SSO ...). */
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  endpoint: string;
  pathStyle: boolean;
}

export const NEW_LIVE_FORM: LiveForm = {
  signIn: 'profile',
  profile: 'default',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  region: 'us-east-1',
  endpoint: '',
  pathStyle: false,
};

export type ConnectionTest =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'connected'; value: Output<'live.testConnection'> }
  | { state: 'failed'; error: CallError };

type Field = 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'endpoint';
export type LiveErrors = Partial<Record<Field, string>>;
const FIELD_ORDER: Field[] = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'endpoint'];

/** Keys are pasted more often than typed; spaces around them are never part of them. */
const trimmed = (f: LiveForm) => ({
  accessKeyId: f.accessKeyId.trim(),
  secretAccessKey: f.secretAccessKey.trim(),
  sessionToken: f.sessionToken.trim(),
  endpoint: f.endpoint.trim(),
});

/** The form as the contract takes it (live.testConnection, collect.start, a live source of scan.start). */
export function liveConnection(f: LiveForm): LiveConnection {
  const t = trimmed(f);
  return {
    region: f.region,
    ...(f.signIn === 'profile' && f.profile !== 'default' ? { profile: f.profile } : {}),
    ...(f.signIn === 'keys'
      ? { credentials: { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, ...(t.sessionToken ? { sessionToken: t.sessionToken } : {}) } }
      : {}),
    ...(t.endpoint ? { endpoint: t.endpoint, ...(f.pathStyle ? { pathStyle: true } : {}) } : {}),
  };
}

/** Printable characters without spaces, as the contract wants keys. */
const KEY_TEXT = /^[\x21-\x7e]+$/;

export function validateLive(f: LiveForm): LiveErrors {
  const t = trimmed(f);
  const e: LiveErrors = {};
  if (f.signIn === 'keys') {
    if (!t.accessKeyId) e.accessKeyId = 'Enter the access key ID.';
    else if (!KEY_TEXT.test(t.accessKeyId) || t.accessKeyId.length < 3 || t.accessKeyId.length > 128)
      e.accessKeyId = 'An access key ID is letters and digits with no spaces, like AKIAIOSFODNN7EXAMPLE.';
    if (!t.secretAccessKey) e.secretAccessKey = 'Enter the secret access key.';
    else if (!KEY_TEXT.test(t.secretAccessKey) || t.secretAccessKey.length < 8 || t.secretAccessKey.length > 256)
      e.secretAccessKey = 'This is not a whole secret access key. Copy it again, with no spaces.';
    if (t.sessionToken && (!KEY_TEXT.test(t.sessionToken) || t.sessionToken.length > 8192))
      e.sessionToken = 'This is not a whole session token. Copy it again, with no spaces, or leave it empty.';
  }
  if (t.endpoint && !isEndpointUrl(t.endpoint))
    e.endpoint = 'Enter a web address that starts with https:// or http://, like https://s3.example.org, with no user name or password in it.';
  return e;
}

const REGIONS: Array<{ group: string; regions: Array<[string, string]> }> = [
  {
    group: 'United States',
    regions: [
      ['us-east-1', 'US East (N. Virginia)'],
      ['us-east-2', 'US East (Ohio)'],
      ['us-west-1', 'US West (N. California)'],
      ['us-west-2', 'US West (Oregon)'],
    ],
  },
  {
    group: 'AWS GovCloud (US)',
    regions: [
      ['us-gov-west-1', 'AWS GovCloud (US-West)'],
      ['us-gov-east-1', 'AWS GovCloud (US-East)'],
    ],
  },
  {
    group: 'Other Regions',
    regions: [
      ['ca-central-1', 'Canada (Central)'],
      ['eu-west-1', 'Europe (Ireland)'],
      ['eu-central-1', 'Europe (Frankfurt)'],
      ['ap-southeast-2', 'Asia Pacific (Sydney)'],
    ],
  },
];

/** "Connected to AWS account 1234… as arn:…", or what the service did not say. */
export function connectedSentence(c: Output<'live.testConnection'>, endpoint: string): string {
  const where = c.accountId ? `AWS account ${c.accountId}` : endpoint.trim() || 'AWS';
  return `Connected to ${where}${c.identityArn ? ` as ${c.identityArn}` : ''}.`;
}

interface Props {
  form: LiveForm;
  onChange: (patch: Partial<LiveForm>) => void;
  errors: LiveErrors;
  /** Changes each time errors are shown, so focus moves to the first one again. */
  errorsShown: number;
  test: ConnectionTest;
  onTest: () => void;
}

/** The live source of the new-audit wizard: how to sign in, the Region, an S3-compatible endpoint, Test connection. */
export function LiveSourceFields({ form, onChange, errors, errorsShown, test, onTest }: Props) {
  const [profiles, setProfiles] = useState<string[]>(['default']);
  const [profilesError, setProfilesError] = useState<CallError | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(form.endpoint.trim() !== '');
  const refs = {
    accessKeyId: useRef<HTMLInputElement>(null),
    secretAccessKey: useRef<HTMLInputElement>(null),
    sessionToken: useRef<HTMLInputElement>(null),
    endpoint: useRef<HTMLInputElement>(null),
  };

  useEffect(() => {
    let live = true;
    void call('live.profiles', {}).then((r) => {
      if (!live) return;
      if (r.ok) setProfiles(['default', ...r.value.profiles.filter((p) => p !== 'default')]);
      else setProfilesError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!errorsShown) return;
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) refs[first].current?.focus();
    // Only a new round of errors moves focus, not each keystroke that changes them.
  }, [errorsShown]);

  return (
    <div className="cv-evidence cv-live">
      <fieldset className="usa-fieldset">
        <legend className="usa-legend cv-legend">How should Canvass sign in to your AWS account?</legend>
        <Radio
          id="signin-profile"
          name="signin"
          checked={form.signIn === 'profile'}
          onChange={() => onChange({ signIn: 'profile' })}
          label="With a profile set up on this computer (recommended)"
        />
        <Radio id="signin-keys" name="signin" checked={form.signIn === 'keys'} onChange={() => onChange({ signIn: 'keys' })} label="Type an access key" />
      </fieldset>

      {form.signIn === 'profile' && (
        <SelectField
          id="live-profile"
          label="Profile"
          hint="Profiles are the sign-ins your IT staff set up with the AWS command line, including single sign-on (SSO). “default” is this computer’s standard AWS sign-in."
          value={form.profile}
          onChange={(profile) => onChange({ profile })}
          after={
            profilesError && (
              <Alert type="warning" slim>
                <p>Canvass could not read the list of profiles: {asSentence(profilesError.message)}</p>
              </Alert>
            )
          }
        >
          {profiles.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectField>
      )}

      {form.signIn === 'keys' && (
        <>
          <Alert type="warning" slim live={false} className="cv-keys-warning">
            <p>
              Canvass keeps these keys in memory only until you close it. They are never saved, and never shown in the audit or the
              report. Permanent access keys are easy to leak: a read-only role or a single sign-on (SSO) profile set up by your IT staff
              is safer.
            </p>
          </Alert>
          <TextField
            id="accessKeyId"
            label="Access key ID"
            error={errors.accessKeyId}
            inputRef={refs.accessKeyId}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            value={form.accessKeyId}
            maxLength={200}
            onChange={(accessKeyId) => onChange({ accessKeyId })}
          />
          <TextField
            id="secretAccessKey"
            label="Secret access key"
            error={errors.secretAccessKey}
            inputRef={refs.secretAccessKey}
            type="password"
            autoComplete="off"
            value={form.secretAccessKey}
            maxLength={300}
            onChange={(secretAccessKey) => onChange({ secretAccessKey })}
          />
          <TextField
            id="sessionToken"
            label={
              <>
                Session token <span className="cv-muted">(optional)</span>
              </>
            }
            hint="Only for temporary keys, which come with one."
            error={errors.sessionToken}
            inputRef={refs.sessionToken}
            type="password"
            autoComplete="off"
            value={form.sessionToken}
            maxLength={9000}
            onChange={(sessionToken) => onChange({ sessionToken })}
          />
        </>
      )}

      <SelectField
        id="live-region"
        label="AWS Region"
        hint="Where Canvass starts; it reads each bucket in its own Region. If your county’s account is in AWS GovCloud (US), choose a GovCloud Region."
        value={form.region}
        onChange={(region) => onChange({ region })}
      >
        {REGIONS.map((g) => (
          <optgroup key={g.group} label={g.group}>
            {g.regions.map(([code, name]) => (
              <option key={code} value={code}>
                {name} – {code}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>

      <details className="cv-advanced" open={advancedOpen || !!errors.endpoint} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary>Advanced: storage that is not Amazon S3</summary>
        <TextField
          id="endpoint"
          label="Endpoint URL of an S3-compatible service"
          hint="Leave this empty for Amazon S3. For another service that works like S3, its web address, like https://s3.example.org."
          error={errors.endpoint}
          inputRef={refs.endpoint}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={form.endpoint}
          maxLength={2048}
          onChange={(endpoint) => onChange({ endpoint })}
        />
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="pathStyle"
            type="checkbox"
            checked={form.pathStyle}
            onChange={(e) => onChange({ pathStyle: e.target.checked })}
          />
          <label className="usa-checkbox__label" htmlFor="pathStyle">
            Use path-style addresses
            <span className="usa-checkbox__label-description">Most S3-compatible services need this. It applies only with an endpoint URL.</span>
          </label>
        </div>
      </details>

      <div className="cv-test">
        <button type="button" className="usa-button usa-button--outline" onClick={onTest} disabled={test.state === 'testing'}>
          {test.state === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <span className="cv-muted">Signs in and lists your buckets, without reading or changing anything else.</span>
      </div>
      {test.state === 'connected' && (
        <Alert type="success" slim>
          <p>
            <strong>{connectedSentence(test.value, form.endpoint)}</strong>
          </p>
          {test.value.longLivedKeys && (
            <p>These are permanent access keys. A read-only role or single sign-on (SSO) is safer.</p>
          )}
        </Alert>
      )}
      {test.state === 'failed' && (
        <Alert type="error" heading="Canvass could not connect" level={3}>
          <p>{asSentence(test.error.message)}</p>
        </Alert>
      )}
    </div>
  );
}
