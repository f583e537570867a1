#!/usr/bin/env bash
# collect-s3-evidence.sh: collects a Canvass evidence bundle (format canvass-evidence/1) of
# one AWS account's S3 buckets, on a machine connected to AWS, for an audit on another
# machine that need not be (an air-gapped review workstation with Canvass).
#
# Usage:
#   collect-s3-evidence.sh --out DIR [--profile P] [--region R] [--endpoint-url URL]
#                          [--max-keys N] [--acl-sample N]
#
#   --out DIR           the bundle folder to create (it must not exist, or be empty)
#   --profile P         a profile of ~/.aws/config or ~/.aws/credentials (keys, SSO, role)
#   --region R          the region of the account-wide calls (default: the profile's, else
#                       us-east-1); each bucket is then read in its own region
#   --endpoint-url URL  an S3-compatible service instead of AWS
#   --max-keys N        object names listed per bucket, one page (default 100, at most 1000)
#   --acl-sample N      listed objects whose ACL is read (default 3)
#
# Needs: bash 3.2 or later, the AWS CLI version 2, and standard tools (awk, od, head, sed,
# date, mktemp). Credentials are the AWS CLI's own: a profile, SSO (`aws sso login`), or
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
#
# Read-only: the script calls sts get-caller-identity and S3 and S3 Control calls whose
# names start with get- or list-, nothing else (besides `aws configure get region`, which
# reads the local configuration); a read-only identity (for example AWS's managed
# ReadOnlyAccess or SecurityAudit policy plus s3:GetObject) is enough.
#
# What it reads of objects: one page of object names per bucket, the ACLs of a few of them,
# the first 64 KB of up to three tables (csv, tsv, txt ...), those named like voter data
# first, and the first 512 bytes of up to ten files whose name does not say what they are
# (data.bin, a .bak, no extension). Those bytes go through a pipe into awk, never to a file,
# and only the column names and the shape of each field ("digits:9", "alpha", "date" ...),
# or the kind of file ("sqlite", "pgdump", "private-key" ...), are kept: no value of any row
# and no byte of any file enters the bundle (design.md section 3, object-samples.json).
#
# The bundle is written into DIR.partial and renamed to DIR at the end, so a bundle is whole
# or absent; an interrupted run (Ctrl-C) removes DIR.partial. Each call's answer is in
# buckets/NAME/CALL.json exactly as `aws ... --output json` prints it ({} where it prints
# nothing), or, when the call failed, in CALL.error.json with the error code and message: a
# call that was refused is evidence too (Canvass then says "unknown", never "pass").
#
# Carry DIR (or a .zip of it) to the review machine and open it in Canvass, or run
# `canvass scan --evidence DIR`.

set -u -o pipefail

readonly PROG=collect-s3-evidence.sh
# Canvass's version: the bundle's manifest names the script that wrote it.
readonly VERSION=0.1.0
readonly FORMAT=canvass-evidence/1

# The configuration calls made for every bucket (design.md section 3), each written to the
# file of its name. get-bucket-location, list-objects-v2 and the object calls are made apart:
# the first decides the bucket's region, the others depend on the listing.
BUCKET_CONFIG_CALLS=(
  get-bucket-policy
  get-bucket-policy-status
  get-bucket-acl
  get-public-access-block
  get-bucket-ownership-controls
  get-bucket-encryption
  get-bucket-versioning
  get-bucket-logging
  get-bucket-website
  get-bucket-cors
  get-object-lock-configuration
  get-bucket-lifecycle-configuration
  get-bucket-replication
  get-bucket-notification-configuration
  get-bucket-tagging
)
# Tables whose first bytes are read per bucket, and how many bytes: as Canvass's own
# collection does, so that both write the same bundle.
readonly TABLE_SAMPLE=3
readonly TABLE_CHUNK_BYTES=65536
# Files whose first bytes are read for their kind per bucket, and how many bytes (Canvass's
# MAGIC_SAMPLE and MAGIC_BYTES).
readonly MAGIC_SAMPLE=10
readonly MAGIC_BYTES=512
# AWS CLI processes at once: each one costs a second of CPU to start, so calls of a bucket
# run side by side, but not so many that a small machine swaps.
readonly PARALLEL=8

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
  say "$*"
  exit 1
}
usage() { sed -n '/^# Usage:/,/^# Needs:/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
usage_error() {
  say "$*"
  usage >&2
  exit 1
}

out='' profile='' region='' endpoint='' max_keys=100 acl_sample=3
while [ $# -gt 0 ]; do
  case $1 in
    --out | --profile | --region | --endpoint-url | --max-keys | --acl-sample)
      if [ $# -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a value"; fi
      case $1 in
        --out) out=$2 ;;
        --profile) profile=$2 ;;
        --region) region=$2 ;;
        --endpoint-url) endpoint=$2 ;;
        --max-keys) max_keys=$2 ;;
        --acl-sample) acl_sample=$2 ;;
      esac
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) usage_error "unknown option: $1" ;;
  esac
done

[ -n "$out" ] || usage_error "--out DIR is required"
case $max_keys in '' | *[!0-9]*) usage_error "--max-keys must be a whole number from 1 to 1000" ;; esac
if [ "$max_keys" -lt 1 ] || [ "$max_keys" -gt 1000 ]; then usage_error "--max-keys must be a whole number from 1 to 1000"; fi
case $acl_sample in '' | *[!0-9]*) usage_error "--acl-sample must be a whole number (0 reads no object ACL)" ;; esac
case $endpoint in '' | http://* | https://*) ;; *) usage_error "--endpoint-url must start with https:// or http://" ;; esac

command -v aws >/dev/null 2>&1 || die "the AWS CLI is not installed: install the AWS CLI version 2, then run this script again"
cli_version=$(aws --version 2>&1)
case $cli_version in
  aws-cli/2.*) ;;
  *) die "this script needs the AWS CLI version 2, and \`aws --version\` says: ${cli_version%%$'\n'*}" ;;
esac

# The target: a new folder, or an empty one, beside which DIR.partial can be made.
while [ "${out%/}" != "$out" ] && [ "$out" != / ]; do out=${out%/}; done
partial="$out.partial"
if [ -e "$out" ] || [ -L "$out" ]; then
  [ -d "$out" ] || die "$out exists and is not a folder: choose a new folder for the evidence"
  listing=$(ls -A "$out") || die "$out cannot be read"
  [ -z "$listing" ] || die "$out exists and is not empty: choose a new folder for the evidence"
fi
[ ! -e "$partial" ] || die "$partial exists (left by an interrupted run?): remove it, then run this script again"
parent=$(dirname "$out")
[ -d "$parent" ] || die "$parent: no such folder"

scratch='' made_partial=0 finished=0
cleanup() {
  # Calls still running belong to this run: stop them before their folder goes. Each
  # background job is the AWS CLI itself, or a pipeline that starts with it.
  local running
  running=$(jobs -p)
  # shellcheck disable=SC2086 # a list of process ids, one word each
  [ -z "$running" ] || kill $running 2>/dev/null
  wait 2>/dev/null
  [ -z "$scratch" ] || rm -rf "$scratch"
  if [ "$made_partial" = 1 ] && [ "$finished" = 0 ]; then rm -rf "$partial"; fi
}
trap cleanup EXIT
trap 'say "interrupted: nothing was written"; exit 130' INT TERM HUP

mkdir "$partial" || die "$partial cannot be made"
made_partial=1
mkdir "$partial/account" "$partial/buckets" || die "$partial cannot be written"
# Error output of calls, kept apart from the bundle while it is read.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/canvass-collect.XXXXXX") || die "cannot make a temporary folder"

# The AWS CLI pages its output through `less` and may prompt for parameters when a user's
# config asks for it; neither may happen here. Output is UTF-8 whatever the locale
# (AWS_CLI_OUTPUT_ENCODING is honoured by recent versions of the CLI).
export AWS_PAGER='' AWS_CLI_OUTPUT_ENCODING=UTF-8
aws_base=(aws --no-cli-pager --no-cli-auto-prompt)
[ -z "$profile" ] || aws_base+=(--profile "$profile")
[ -z "$endpoint" ] || aws_base+=(--endpoint-url "$endpoint")

if [ -z "$region" ]; then
  region=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
  [ -n "$region" ] || region=$(aws_wait configure get region 2>/dev/null) || region=''
  [ -n "$region" ] || region=us-east-1
fi

# Reads the AWS CLI's error output: {"code","message"} from "An error occurred (CODE) when
# calling the OP operation: MESSAGE", or, when no AWS service answered, the name botocore
# gives the failure (no credentials, no connection ...), so the bundle says why.
ERROR_AWK=$(
  cat <<'AWK'
function jstr(s,   out, i, c) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\\" || c == "\"") out = out "\\" c
    else if (c ~ /[[:cntrl:]]/) out = out " "
    else out = out c
  }
  return "\"" out "\""
}
{ lines[++n] = $0 }
END {
  code = ""; msg = ""
  for (i = 1; i <= n && code == ""; i++) {
    p = index(lines[i], "An error occurred (")
    if (!p) continue
    rest = substr(lines[i], p + 19)
    code = substr(rest, 1, index(rest, ")") - 1)
    q = index(rest, " operation: ")
    msg = q ? substr(rest, q + 12) : rest
  }
  if (code == "") {
    for (i = 1; i <= n; i++) if (lines[i] ~ /[^ \t]/) { msg = lines[i]; break }
    all = ""
    for (i = 1; i <= n; i++) all = all " " lines[i]
    if (all ~ /Unable to locate credentials/) code = "NoCredentialsError"
    else if (all ~ /config profile \(.*\) could not be found/) code = "ProfileNotFound"
    else if (all ~ /[Ss][Ss][Oo].*([Tt]oken|[Ss]ession)/) code = "SSOTokenError"
    else if (all ~ /Could not connect to the endpoint URL/) code = "EndpointConnectionError"
    else if (all ~ /Connect timeout on endpoint URL/) code = "ConnectTimeoutError"
    else if (all ~ /Read timeout on endpoint URL/) code = "ReadTimeoutError"
    else if (all ~ /Connection was closed before we received a valid response/) code = "ConnectionClosedError"
    else if (all ~ /SSL validation failed/) code = "SSLError"
    else if (all ~ /Failed to connect to proxy URL/) code = "ProxyConnectionError"
    else if (all ~ /Unable to parse response|invalid XML/) code = "MalformedResponse"
    else code = "CLIError"
  }
  gsub(/[^A-Za-z0-9._:-]/, "", code)
  if (code == "") code = "CLIError"
  sub(/^[ \t]+/, "", msg); sub(/[ \t\r]+$/, "", msg)
  if (length(msg) > 500) msg = substr(msg, 1, 500)
  printf "{\"code\": %s, \"message\": %s}\n", jstr(code), jstr(msg)
}
AWK
)

# Reads list-objects-v2.json as the AWS CLI v2 prints it (four spaces an indent, one field a
# line, keys as JSON strings) and plans the object calls, one line each:
#   acl<TAB>SIZE<TAB>KEY-AS-JSON<TAB>KEY-FOR-PRINTF-%b
#   table<TAB>SIZE<TAB>KEY-AS-JSON<TAB>KEY-FOR-PRINTF-%b
#   magic<TAB>SIZE<TAB>KEY-AS-JSON<TAB>KEY-FOR-PRINTF-%b
# The ACL keys are spread over the listing (first, last and between), the tables are those
# named like voter data first, the files read for their kind are those, in listing order,
# whose name does not say what they are (electron/core/discovery/file-magic.ts,
# nameNeedsMagic): the choice Canvass's own collection makes. A key may hold any
# character; the printf form carries every escaped one as an octal escape, so no key is
# ever split, globbed or read as an option.
PLAN_AWK=$(
  cat <<'AWK'
function hexval(h,   i, v) {
  v = 0; h = tolower(h)
  for (i = 1; i <= 4; i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
  return v
}
function oct(b) { return sprintf("\\0%03o", b) }
function utf8(cp) {
  if (cp < 128) return oct(cp)
  if (cp < 2048) return oct(192 + int(cp / 64)) oct(128 + cp % 64)
  if (cp < 65536) return oct(224 + int(cp / 4096)) oct(128 + int(cp / 64) % 64) oct(128 + cp % 64)
  return oct(240 + int(cp / 262144)) oct(128 + int(cp / 4096) % 64) oct(128 + int(cp / 64) % 64) oct(128 + cp % 64)
}
# One decoded character: into ESC for bash's printf %b, and into RAW for the name tests
# (which look at ASCII only: anything else stands there as "~", a non-word character).
function put(cp) { ESC = ESC utf8(cp); RAW = RAW ((cp >= 32 && cp < 127) ? sprintf("%c", cp) : "~") }
function decode(lit,   s, i, c, e, cp, lo) {
  s = substr(lit, 2, length(lit) - 2); ESC = ""; RAW = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c != "\\") { ESC = ESC c; RAW = RAW (c ~ /[ -~]/ ? c : "~"); continue }
    e = substr(s, ++i, 1)
    if (e == "u") {
      cp = hexval(substr(s, i + 1, 4)); i += 4
      if (cp >= 55296 && cp < 56320 && substr(s, i + 1, 2) == "\\u") {
        lo = hexval(substr(s, i + 3, 4))
        if (lo >= 56320 && lo < 57344) { cp = 65536 + (cp - 55296) * 1024 + (lo - 56320); i += 6 }
      }
      put(cp)
    }
    else if (e == "n") put(10)
    else if (e == "t") put(9)
    else if (e == "r") put(13)
    else if (e == "b") put(8)
    else if (e == "f") put(12)
    else put(e == "\\" ? 92 : e == "\"" ? 34 : 47)
  }
}
function field(line, name) { sub("^ *\"" name "\": ", "", line); sub(/,$/, "", line); return line }
/^    "Contents": \[/ { inside = 1; next }
inside && /^    \]/ { inside = 0; next }
inside && /^        \{/ { n++; size[n] = 1; next }
inside && /^            "Key": "/ { key[n] = field($0, "Key"); next }
inside && /^            "Size": / { size[n] = field($0, "Size") + 0; next }
END {
  if (acl_n > 0 && n > 0) {
    if (n <= acl_n) for (i = 1; i <= n; i++) pick[++picks] = i
    else {
      step = (n - 1) / (acl_n > 1 ? acl_n - 1 : 1)
      for (i = 0; i < acl_n; i++) {
        j = int(i * step + 0.5) + 1
        if (!(j in picked)) { picked[j] = 1; pick[++picks] = j }
      }
    }
  }
  for (p = 1; p <= picks; p++) { i = pick[p]; decode(key[i]); printf "acl\t%d\t%s\t%s\n", size[i], key[i], ESC }
  for (i = 1; i <= n; i++) {
    decode(key[i]); l = tolower(RAW)
    if (size[i] <= 0 || l !~ /\.(csv|tsv|psv|tab|txt|dat)$/) continue
    voter = (l ~ /voter|registration|regist|absentee|poll[ _-]?book|vr[ _-]?(extract|export|file|db)/ || ("~" l "~") ~ /[^a-z0-9_]roll[^a-z0-9_]/) && l ~ /\.(csv|tsv|psv|txt|dat|xlsx?|xlsm|ods|zip|7z|gz|bz2|xz|sql|dump|bak|mdb|accdb|sqlite|db|json|xml|parquet)$/
    if (voter) first[++nf] = i; else later[++nl] = i
  }
  for (i = 1; i <= nf && tables < table_n; i++) order[++tables] = first[i]
  for (i = 1; i <= nl && tables < table_n; i++) order[++tables] = later[i]
  for (t = 1; t <= tables; t++) { i = order[t]; decode(key[i]); printf "table\t%d\t%s\t%s\n", size[i], key[i], ESC }
  for (i = 1; i <= n && magics < magic_n; i++) {
    decode(key[i]); l = tolower(RAW); last = l; sub(/.*\//, "", last)
    if (size[i] <= 0 || l ~ /\.(csv|tsv|psv|tab|txt|dat)$/) continue
    if ((last != "" && last !~ /\./) || l ~ /\.(bak|bin|dump|dmp|gz|db|data|raw|old|tmp|backup|out|img|blob|enc|exp|export|archive|[0-9][0-9][0-9])$/) {
      magics++; printf "magic\t%d\t%s\t%s\n", size[i], key[i], ESC
    }
  }
}
AWK
)

# Column names and row shapes of a table from its first bytes (as `od -An -tu1` prints
# them), the way Canvass's classifier reads them (electron/core/discovery/table-shapes.ts):
# RFC 4180 fields, the delimiter the first line holds most of, at most five rows, and a
# first line kept as a header only when it reads as column names. Prints
#   "header": [...], "rowShapes": [[...], ...]
# or nothing when the bytes are not a table. `complete` says they are the whole object.
SHAPES_AWK=$(
  cat <<'AWK'
function trim(v) {
  sub("^([\t\n\013\014\r ]|" UWS ")+", "", v)
  sub("([\t\n\013\014\r ]|" UWS ")+$", "", v)
  return v
}
function shape(raw,   v) {
  v = trim(raw)
  if (v == "") return "empty"
  if (v ~ /^[0-9]+$/) return "digits:" length(v)
  if (v ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]([ T][0-9][0-9]:[0-9][0-9](:[0-9][0-9](\.[0-9]+)?)?(Z|[+-][0-9][0-9]:?[0-9][0-9])?)?$/ || v ~ /^[0-9][0-9]?\/[0-9][0-9]?\/([0-9][0-9]|[0-9][0-9][0-9][0-9])( [0-9][0-9]?:[0-9][0-9](:[0-9][0-9])?( ?[AaPp][Mm])?)?$/) return "date"
  if (v ~ /^[A-Z][A-Z]?[A-Z]?$/) return "upper:" length(v)
  if (v ~ /^[A-Za-z]+([ '.-][A-Za-z]+)*\.?$/) return "alpha"
  if (v ~ /^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$/ && v ~ /[0-9]/ && v ~ /[A-Za-z]/) return "alnum"
  return "mixed"
}
function endrow() {
  cell[rows + 1, ++nf] = field; field = ""
  if (nf > 1 || cell[rows + 1, 1] != "") { rows++; width[rows] = nf }
  else delete cell[rows + 1, 1]
  nf = 0
}
function quoted_list(a, k,   s, c) {
  s = "["
  for (c = 1; c <= k; c++) s = s (c > 1 ? ", " : "") "\"" a[c] "\""
  return s "]"
}
BEGIN {
  # The white space JavaScript's trim() removes beyond ASCII, as UTF-8 bytes.
  UWS = "\302\240|\341\232\200|\342\200\200|\342\200\201|\342\200\202|\342\200\203|\342\200\204|\342\200\205|\342\200\206|\342\200\207|\342\200\210|\342\200\211|\342\200\212|\342\200\250|\342\200\251|\342\200\257|\342\201\237|\343\200\200|\357\273\277"
  for (i = 1; i < 256; i++) chr[i] = sprintf("%c", i)
}
{ for (i = 1; i <= NF; i++) b[++n] = $i + 0 }
END {
  printf "bytes %d\n", n
  for (i = 1; i <= n; i++) if (b[i] == 0) exit
  start = (n >= 3 && b[1] == 239 && b[2] == 187 && b[3] == 191) ? 4 : 1
  # The delimiter: the one the first line holds most of, "," on a tie.
  split("44 9 124 59", delims, " ")
  most = -1
  for (d = 1; d <= 4; d++) {
    count = 0
    for (i = start; i <= n && b[i] != 10; i++) if (b[i] == delims[d] + 0) count++
    if (count > most) { most = count; delim = delims[d] + 0 }
  }
  rows = 0; nf = 0; field = ""; quoted = 0
  for (i = start; i <= n && rows <= 5; i++) {
    c = b[i]
    if (quoted) {
      if (c == 34 && i < n && b[i + 1] == 34) { field = field "\""; i++ }
      else if (c == 34) quoted = 0
      else field = field chr[c]
      continue
    }
    if (c == 34 && trim(field) == "") { quoted = 1; field = "" }
    else if (c == delim) { cell[rows + 1, ++nf] = field; field = "" }
    else if (c == 10 || c == 13) { endrow(); if (c == 13 && i < n && b[i + 1] == 10) i++ }
    else field = field chr[c]
  }
  if (i > n && complete && (field != "" || nf > 0)) {
    cell[rows + 1, ++nf] = field; rows++; width[rows] = nf
  }
  if (rows == 0 || width[1] < 2) exit
  # A header: column names (empty ones at the end of the line dropped; a byte beyond ASCII
  # counts as a letter) and, where rows follow, a column of numbers or dates.
  header = 1
  names = width[1]
  for (c = 1; c <= names; c++) name[c] = trim(cell[1, c])
  while (names > 1 && name[names] == "") names--
  for (c = 1; c <= names; c++) if (name[c] !~ /^[A-Za-z\200-\377][A-Za-z0-9\200-\377 _.,#\/()+&%?:'-]*$/ || length(name[c]) > 64) header = 0
  if (header && rows > 1) {
    header = 0
    for (c = 1; c <= names && !header; c++) {
      all = 1
      for (r = 2; r <= rows; r++) if (c > width[r] || shape(cell[r, c]) !~ /^(digits:[0-9]+|date)$/) all = 0
      header = all
    }
  }
  first = header ? 2 : 1
  if (header) printf "\"header\": %s, ", quoted_list(name, names)
  printf "\"rowShapes\": ["
  for (r = first; r <= rows && r < first + 5; r++) {
    for (c = 1; c <= width[r]; c++) s[c] = shape(cell[r, c])
    printf "%s%s", (r > first ? ", " : ""), quoted_list(s, width[r])
  }
  printf "]\n"
}
AWK
)

# The kind of a file from its first bytes (as `od -An -tu1` prints them), rule for rule as
# Canvass's electron/core/discovery/file-magic.ts (first match wins). Prints "bytes N", then
#   "magic": "KIND"
# or nothing when the bytes show no kind it knows. No byte is kept.
MAGIC_AWK=$(
  cat <<'AWK'
# The bytes at offset OFF (0-based) are LIST (decimal, space-separated); none past the end.
function at(off, list,   k, parts, cnt) {
  cnt = split(list, parts, " ")
  if (off + cnt > n) return 0
  for (k = 1; k <= cnt; k++) if (b[off + k] != parts[k] + 0) return 0
  return 1
}
function str(off, s,   k) {
  if (off + length(s) > n) return 0
  for (k = 1; k <= length(s); k++) if (b[off + k] != ord[substr(s, k, 1)]) return 0
  return 1
}
function has(s) { return index(text, s) > 0 }
function pkcs12(   l, off) {
  if (n < 2 || b[1] != 48) return 0
  l = b[2]; off = l <= 128 ? 2 : l <= 132 ? 2 + l - 128 : -1
  return off > 0 && at(off, "2 1 3")
}
BEGIN { for (i = 1; i < 256; i++) { chr[i] = sprintf("%c", i); ord[chr[i]] = i } }
{ for (i = 1; i <= NF; i++) b[++n] = $i + 0 }
END {
  printf "bytes %d\n", n
  text = ""; nul = 0
  for (i = 1; i <= n; i++) if (b[i] == 0) { nul = 1; text = text "\001" } else text = text chr[b[i]]
  if (str(0, "SQLite format 3") && at(15, "0")) kind = "sqlite"
  else if (str(4, "Standard Jet DB") || str(4, "Standard ACE DB")) kind = "access-db"
  else if (str(0, "PGDMP")) kind = "pgdump"
  else if (at(0, "3 217 162 154") && n >= 5 && b[5] >= 101 && b[5] <= 103 && at(5, "251 75 181")) kind = "keepass"
  else if (str(0, "TAPE") && nul) kind = "mssql-backup"
  else if (at(0, "55 122 188 175 39 28")) kind = "7z"
  else if (at(0, "253") && str(1, "7zXZ") && at(5, "0")) kind = "xz"
  else if (at(0, "40 181 47 253")) kind = "zstd"
  else if (at(0, "31 139")) kind = "gzip"
  else if (str(0, "PK") && at(2, "3 4")) kind = "zip"
  else if (str(0, "BZh")) kind = "bzip2"
  else if (pkcs12()) kind = "pkcs12"
  else if (has("EXPORT:V")) kind = "oracle-export"
  else if (has("-- MySQL dump") || has("-- MariaDB dump")) kind = "mysql-dump"
  else if (has("-- PostgreSQL database dump")) kind = "postgres-sql-dump"
  else if (has("PRIVATE KEY-----") || has("PRIVATE KEY BLOCK-----") || str(0, "PuTTY-User-Key-File-")) kind = "private-key"
  else if (has("aws_secret_access_key")) kind = "aws-credentials"
  if (kind != "") printf "\"magic\": \"%s\"\n", kind
}
AWK
)

# The code of an error file this script wrote ({"code": "...", ...} on one line).
error_code() { sed -n 's/^{"code": "\([^"]*\)".*/\1/p' "$1"; }

# Every AWS CLI process is a background job of this shell, waited for with `wait`: a
# Ctrl-C or a kill interrupts the wait at once, and the cleanup can stop the CLI itself.
aws_wait() {
  "${aws_base[@]}" "$@" </dev/null &
  wait "$!"
}

# Calls in flight: the process each one is waited for by, its file, its error output, its kind.
call_pids=() call_files=() call_errs=() call_kinds=()

# start_call FILE REGION SERVICE CALL ARGS...: starts `aws SERVICE CALL ARGS --output json`,
# its output going to FILE.json; at most PARALLEL calls run at once.
start_call() {
  local file=$1 call_region=$2 err
  shift 2
  err=$(mktemp "$scratch/err.XXXXXX") || die "cannot write into $scratch"
  "${aws_base[@]}" --region "$call_region" --output json "$@" </dev/null >"$file.json" 2>"$err" &
  call_pids+=("$!") call_files+=("$file") call_errs+=("$err") call_kinds+=(call)
  [ "${#call_pids[@]}" -lt "$PARALLEL" ] || finish_calls
}

# start_sample FILE REGION BUCKET KEY BYTES PROGRAM [COMPLETE]: starts reading an object's
# first BYTES for what the awk PROGRAM keeps of them (a table's shapes, a file's kind). The
# bytes go from the AWS CLI through a pipe (/dev/fd/3) into head and od, never to a file, and
# head stops at BYTES even if the server ignores the range.
start_sample() {
  local file=$1 where=$2 name=$3 key=$4 bytes=$5 program=$6 complete=${7:-0} err
  err=$(mktemp "$scratch/err.XXXXXX") || die "cannot write into $scratch"
  { exec "${aws_base[@]}" --region "$where" s3api get-object --bucket "$name" "--key=$key" \
    --range "bytes=0-$((bytes - 1))" /dev/fd/3 3>&1 </dev/null >/dev/null 2>"$err"; } |
    head -c "$bytes" | od -An -v -tu1 | LC_ALL=C awk -v complete="$complete" "$program" >"$file.shapes" &
  call_pids+=("$!") call_files+=("$file") call_errs+=("$err") call_kinds+=(sample)
  [ "${#call_pids[@]}" -lt "$PARALLEL" ] || finish_calls
}

# finish_calls: waits for the calls in flight. A call's FILE.json keeps what the CLI printed
# (a sample's, what its awk kept, or nothing), or FILE.error.json says why the call failed.
finish_calls() {
  local i bytes
  [ "${#call_pids[@]}" -gt 0 ] || return 0
  for i in "${!call_pids[@]}"; do
    local file=${call_files[$i]} err=${call_errs[$i]}
    if [ "${call_kinds[$i]}" = sample ]; then
      # A sample read gave bytes, or failed: the pipeline's status is head's, od's and awk's.
      wait "${call_pids[$i]}"
      bytes=$(sed -n '1s/^bytes //p' "$file.shapes")
      if [ "${bytes:-0}" -gt 0 ] || [ ! -s "$err" ]; then
        sed '1d' "$file.shapes" >"$file.json"
      else
        LC_ALL=C awk "$ERROR_AWK" "$err" >"$file.error.json"
      fi
      rm -f "$file.shapes"
    elif wait "${call_pids[$i]}"; then
      # The CLI prints nothing for some calls with nothing configured (get-bucket-versioning
      # of a new bucket); {} says the same and shows the call was answered.
      [ -s "$file.json" ] || printf '{}\n' >"$file.json"
    else
      rm -f "$file.json"
      LC_ALL=C awk "$ERROR_AWK" "$err" >"$file.error.json"
    fi
    rm -f "$err"
  done
  call_pids=() call_files=() call_errs=() call_kinds=()
}

# run_call FILE REGION SERVICE CALL ARGS...: one call, finished before it returns.
run_call() {
  start_call "$@"
  finish_calls
}

# One line for the reasons a collection cannot start, from the first call's error output.
cannot_start() {
  local err=$1 with_profile=${profile:+ --profile $profile}
  if grep -q 'Unable to locate credentials' "$err"; then
    echo "no AWS credentials found: pass --profile NAME (a profile of ~/.aws/config or ~/.aws/credentials), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
  elif grep -Eq 'config profile \(.*\) could not be found' "$err"; then
    echo "there is no profile \"$profile\" in ~/.aws/config or ~/.aws/credentials"
  elif grep -Eiq 'sso.*(token|session)|GetRoleCredentials' "$err"; then
    echo "the AWS SSO session${profile:+ of profile $profile} has expired or was never started: run \`aws sso login$with_profile\`, then run this script again"
  elif grep -Eq 'RequestTimeTooSkewed|RequestExpired|Signature expired|Signature not yet current' "$err"; then
    echo "this computer's clock differs from AWS's by more than AWS allows: set the date, time and time zone right, then run this script again"
  elif grep -Eq '\((ExpiredToken|ExpiredTokenException|TokenRefreshRequired)\)' "$err"; then
    echo "the AWS credentials have expired: sign in again or get new keys, then run this script again"
  elif grep -Eq '\((InvalidClientTokenId|InvalidAccessKeyId|SignatureDoesNotMatch|UnrecognizedClientException|AuthFailure)\)' "$err"; then
    echo "AWS refused the credentials${profile:+ of profile $profile}: check the access key id and secret key"
  elif grep -Eq 'Could not connect to the endpoint URL|Connect timeout on endpoint URL|Read timeout on endpoint URL|SSL validation failed|Failed to connect to proxy URL'  "$err"; then
    echo "cannot reach ${endpoint:-AWS}: check the network${endpoint:+ and the --endpoint-url}"
  fi
}

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# Who is collecting, and in which account.
identity_err="$scratch/caller-identity.err"
if aws_wait --region "$region" --output json sts get-caller-identity >"$partial/account/caller-identity.json" 2>"$identity_err"; then
  identity="$partial/account/caller-identity.json"
  account_id=$(sed -n 's/^    "Account": "\([0-9]\{12\}\)",*$/\1/p' "$identity")
  arn=$(sed -n 's/^    "Arn": "\([^"]*\)",*$/\1/p' "$identity")
else
  rm -f "$partial/account/caller-identity.json"
  reason=$(cannot_start "$identity_err")
  [ -z "$reason" ] || die "$reason"
  LC_ALL=C awk "$ERROR_AWK" "$identity_err" >"$partial/account/caller-identity.error.json"
  account_id='' arn=''
fi
partition=aws
case $arn in arn:*:*) partition=${arn#arn:} partition=${partition%%:*} ;; esac
say "collecting as ${arn:-an identity STS did not name} in account ${account_id:-unknown}, region $region${endpoint:+, endpoint $endpoint}"

# Without the bucket list nothing can be found: its failure ends the run.
list_err="$scratch/list-buckets.err"
if ! aws_wait --region "$region" --output json s3api list-buckets >"$partial/buckets/list-buckets.json" 2>"$list_err"; then
  reason=$(cannot_start "$list_err")
  if [ -z "$reason" ] && grep -Eq '\((AccessDenied|AllAccessDisabled)\)' "$list_err"; then
    reason="access denied on ListBuckets${arn:+ for $arn}: the identity needs s3:ListAllMyBuckets to find the buckets"
  fi
  die "${reason:-ListBuckets failed: $(LC_ALL=C awk "$ERROR_AWK" "$list_err")}"
fi

# Account-level Block Public Access. With --endpoint-url the AWS CLI sends this call to
# ACCOUNT.HOST (it puts the account id in front of the endpoint's host name).
if [ -n "$account_id" ]; then
  run_call "$partial/account/public-access-block" "$region" s3control get-public-access-block --account-id "$account_id"
fi

# Bucket names and the regions ListBuckets gives (newer S3 APIs name them), one per line.
# A name that is not a valid bucket name would become a path: it ends the run before any
# bucket is read (Canvass would refuse the bundle all the same).
buckets="$scratch/buckets"
LC_ALL=C awk '
  /^    "Buckets": \[/ { inside = 1; next }
  inside && /^    \]/ { inside = 0; next }
  inside && /^        \{/ { name = ""; where = "-"; next }
  inside && /^            "Name": "/ { name = $0; sub(/^ *"Name": "/, "", name); sub(/",*$/, "", name); next }
  inside && /^            "BucketRegion": "/ { where = $0; sub(/^ *"BucketRegion": "/, "", where); sub(/",*$/, "", where); next }
  inside && /^        \}/ {
    if (name !~ /^[A-Za-z0-9][A-Za-z0-9._-]+$/ || name ~ /\.\./ || length(name) > 255) { print name > "/dev/stderr"; exit 1 }
    print name "\t" where
  }
' "$partial/buckets/list-buckets.json" >"$buckets" 2>"$scratch/bad-bucket" ||
  die "ListBuckets named a bucket \"$(cat "$scratch/bad-bucket")\", which is not a valid bucket name"
total=$(awk 'END { print NR }' "$buckets")
say "found $total bucket(s)"

# collect_objects NAME REGION DIR: the ACLs of a few listed objects, the shapes of a few
# tables and the kinds of a few files whose name does not say.
collect_objects() {
  local name=$1 where=$2 dir=$3 kind size lit esc key complete i=0 plan="$scratch/plan"
  LC_ALL=C awk -v acl_n="$acl_sample" -v table_n="$TABLE_SAMPLE" -v magic_n="$MAGIC_SAMPLE" "$PLAN_AWK" "$dir/list-objects-v2.json" >"$plan"
  while IFS=$'\t' read -r kind size lit esc; do
    i=$((i + 1))
    printf -v key '%b' "$esc"
    printf '%s\n' "$lit" >"$scratch/obj.$i.key"
    if [ "$kind" = acl ]; then
      start_call "$scratch/obj.$i" "$where" s3api get-object-acl --bucket "$name" "--key=$key"
    elif [ "$kind" = table ]; then
      complete=0
      [ "$size" -gt "$TABLE_CHUNK_BYTES" ] || complete=1
      start_sample "$scratch/obj.$i" "$where" "$name" "$key" "$TABLE_CHUNK_BYTES" "$SHAPES_AWK" "$complete"
    else
      start_sample "$scratch/obj.$i" "$where" "$name" "$key" "$MAGIC_BYTES" "$MAGIC_AWK"
    fi
  done <"$plan"
  finish_calls
  # Object evidence is one file per kind: the answers by key, or the first failure (an
  # object deleted since the listing, or empty, has nothing to give and is left out).
  write_objects acl "$dir/get-object-acl" '{' '}' "$plan"
  write_objects samples "$dir/object-samples" '[' ']' "$plan"
  rm -f "$scratch"/obj.*
}

# write_objects KIND FILE OPEN CLOSE PLAN: FILE.json from the answers of KIND (acl, or samples:
# the tables' and the files' read for their kind, in the plan's order), or FILE.error.json.
write_objects() {
  local kind=$1 file=$2 open=$3 close=$4 plan=$5 line_kind rest i=0 sep='' code failed=''
  {
    printf '%s' "$open"
    while IFS=$'\t' read -r line_kind rest; do
      i=$((i + 1))
      case $kind:$line_kind in acl:acl | samples:table | samples:magic) ;; *) continue ;; esac
      if [ -f "$scratch/obj.$i.error.json" ]; then
        code=$(error_code "$scratch/obj.$i.error.json")
        case $code in NoSuchKey | InvalidRange) continue ;; esac
        failed="$scratch/obj.$i.error.json"
        break
      fi
      if [ "$kind" = acl ]; then
        printf '%s\n    %s: %s' "$sep" "$(cat "$scratch/obj.$i.key")" "$(sed '1!s/^/    /' "$scratch/obj.$i.json")"
      elif [ -s "$scratch/obj.$i.json" ]; then
        printf '%s\n    {"key": %s, %s}' "$sep" "$(cat "$scratch/obj.$i.key")" "$(cat "$scratch/obj.$i.json")"
      else
        continue
      fi
      sep=','
    done <"$plan"
    [ -z "$sep" ] || printf '\n'
    printf '%s\n' "$close"
  } >"$file.json"
  if [ -n "$failed" ]; then
    rm -f "$file.json"
    cp "$failed" "$file.error.json"
  fi
}

n=0
while IFS=$'\t' read -r name listed_region; do
  n=$((n + 1))
  say "[$n/$total] $name"
  dir="$partial/buckets/$name"
  mkdir "$dir" || die "$dir cannot be made"
  run_call "$dir/get-bucket-location" "$region" s3api get-bucket-location --bucket "$name"
  # Each bucket is read in its own region; one whose location cannot be read still is, in
  # the region ListBuckets gave or the default one. No LocationConstraint is us-east-1, and
  # the legacy "EU" is eu-west-1.
  where=$region
  [ "$listed_region" = - ] || where=$listed_region
  if [ -f "$dir/get-bucket-location.json" ]; then
    constraint=$(sed -n 's/^    "LocationConstraint": "\([^"]*\)"$/\1/p' "$dir/get-bucket-location.json")
    case $constraint in '') where=us-east-1 ;; EU) where=eu-west-1 ;; *) where=$constraint ;; esac
  fi
  for call in "${BUCKET_CONFIG_CALLS[@]}"; do
    start_call "$dir/$call" "$where" s3api "$call" --bucket "$name"
  done
  finish_calls
  # One page of object names, as Canvass's collection reads it (MaxKeys, no paging), so
  # the file says whether the listing was truncated.
  run_call "$dir/list-objects-v2" "$where" s3api list-objects-v2 --bucket "$name" --max-keys "$max_keys" --no-paginate
  [ ! -f "$dir/list-objects-v2.json" ] || collect_objects "$name" "$where" "$dir"
done <"$buckets"

{
  printf '{\n'
  printf '    "format": "%s",\n' "$FORMAT"
  printf '    "collectedAt": "%s",\n' "$started"
  printf '    "collector": "%s/%s",\n' "$PROG" "$VERSION"
  [ -z "$account_id" ] || printf '    "accountId": "%s",\n' "$account_id"
  printf '    "partition": "%s"\n' "$partition"
  printf '}\n'
} >"$partial/manifest.json"

# An empty target folder is replaced; one that filled up meanwhile makes rmdir fail.
if [ -d "$out" ] && ! rmdir "$out"; then
  made_partial=0
  die "$out is no longer empty: the evidence is left, whole, in $partial"
fi
mv "$partial" "$out" || die "cannot rename $partial to $out"
finished=1
failed=$(find "$out" -name '*.error.json' | awk 'END { print NR }')
say "wrote $out: $total bucket(s) of account ${account_id:-unknown}; $failed call(s) failed or found nothing configured (see the .error.json files)"
