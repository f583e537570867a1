<#
.SYNOPSIS
Collects a Canvass evidence bundle (format canvass-evidence/1) of one AWS account's S3
buckets, on a machine connected to AWS, for an audit on another machine that need not be
(an air-gapped review workstation with Canvass).

.DESCRIPTION
The PowerShell twin of collect-s3-evidence.sh: the same AWS CLI v2 calls, the same bundle.
Runs in Windows PowerShell 5.1 and PowerShell 7 (Windows, macOS, Linux). Needs the AWS CLI
version 2 on PATH. Credentials are the AWS CLI's own: a profile, SSO (aws sso login), or
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.

Read-only: the script calls sts get-caller-identity and S3 and S3 Control calls whose names
start with get- or list-, nothing else (besides "aws configure get region", which reads the
local configuration); a read-only identity (for example AWS's managed ReadOnlyAccess or
SecurityAudit policy plus s3:GetObject) is enough.

What it reads of objects: one page of object names per bucket, the ACLs of a few of them,
the first 64 KB of up to three tables (csv, tsv, txt ...), those named like voter data
first, and the first 512 bytes of up to ten files whose name does not say what they are
(data.bin, a .bak, no extension). The AWS CLI can only write an object's bytes to a file:
they go to a file in a private temporary folder, are read back at once and the file is
deleted, whatever happens. Only the column names and the shape of each field ("digits:9",
"alpha", "date" ...), or the kind of file ("sqlite", "pgdump", "private-key" ...), are kept:
no value of any row and no byte of any file enters the bundle (design.md section 3,
object-samples.json).

The bundle is written into OUT.partial and renamed to OUT at the end, so a bundle is whole
or absent; an interrupted run (Ctrl-C) removes OUT.partial. Each call's answer is in
buckets\NAME\CALL.json exactly as "aws ... --output json" prints it ({} where it prints
nothing), or, when the call failed, in CALL.error.json with the error code and message: a
call that was refused is evidence too (Canvass then says "unknown", never "pass").

Carry OUT (or a .zip of it) to the review machine and open it in Canvass, or run
"canvass scan --evidence OUT".

.PARAMETER Out
The bundle folder to create (it must not exist, or be empty).
.PARAMETER Profile
A profile of ~/.aws/config or ~/.aws/credentials (keys, SSO, role).
.PARAMETER Region
The region of the account-wide calls (default: the profile's, else us-east-1); each bucket
is then read in its own region.
.PARAMETER EndpointUrl
An S3-compatible service instead of AWS.
.PARAMETER MaxKeys
Object names listed per bucket, one page (default 100, at most 1000).
.PARAMETER AclSample
Listed objects whose ACL is read (default 3).

.EXAMPLE
.\collect-s3-evidence.ps1 -Out D:\harlow-evidence-2026-11 -Profile county-audit
#>
[CmdletBinding()]
param(
  [string] $Out = '',
  # Not $Profile: that name is PowerShell's own variable (the path of the user's profile script).
  [Alias('Profile')] [string] $AwsProfile = '',
  [string] $Region = '',
  [string] $EndpointUrl = '',
  [int] $MaxKeys = 100,
  [int] $AclSample = 3
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$Prog = 'collect-s3-evidence.ps1'
# Canvass's version: the bundle's manifest names the script that wrote it.
$Version = '0.1.0'
$Format = 'canvass-evidence/1'

# The configuration calls made for every bucket (design.md section 3), each written to the
# file of its name. get-bucket-location, list-objects-v2 and the object calls are made apart:
# the first decides the bucket's region, the others depend on the listing.
$BucketConfigCalls = @(
  'get-bucket-policy',
  'get-bucket-policy-status',
  'get-bucket-acl',
  'get-public-access-block',
  'get-bucket-ownership-controls',
  'get-bucket-encryption',
  'get-bucket-versioning',
  'get-bucket-logging',
  'get-bucket-website',
  'get-bucket-cors',
  'get-object-lock-configuration',
  'get-bucket-lifecycle-configuration',
  'get-bucket-replication',
  'get-bucket-notification-configuration',
  'get-bucket-tagging'
)
# Tables whose first bytes are read per bucket, and how many bytes: as Canvass's own
# collection does, so that both write the same bundle.
$TableSample = 3
$TableChunkBytes = 65536
# Files whose first bytes are read for their kind per bucket, and how many bytes (Canvass's
# MAGIC_SAMPLE and MAGIC_BYTES).
$MagicSample = 10
$MagicBytes = 512
# AWS CLI processes at once: each one costs a second of CPU to start, so calls of a bucket
# run side by side, but not so many that a small machine swaps.
$Parallel = 8

$Utf8 = New-Object System.Text.UTF8Encoding $false
$Running = New-Object System.Collections.ArrayList

function Say([string] $Message) { [Console]::Error.WriteLine("${Prog}: $Message") }

# A failure that ends the run with one clear line (exit status 1).
function Fail([string] $Message) {
  $e = New-Object System.InvalidOperationException $Message
  $e.Data['canvass'] = $true
  throw $e
}

function Write-Text([string] $Path, [string] $Text) { [System.IO.File]::WriteAllText($Path, $Text, $Utf8) }

# One argument of a Windows command line, quoted so that the program's C runtime (and .NET
# on macOS and Linux) reads it back unchanged: object keys may hold spaces, quotes, anything.
function ConvertTo-ProcessArgument([string] $Argument) {
  if ($Argument.Length -gt 0 -and $Argument -notmatch '[\s"]') { return $Argument }
  $quoted = New-Object System.Text.StringBuilder
  [void]$quoted.Append('"')
  $backslashes = 0
  foreach ($ch in $Argument.ToCharArray()) {
    if ($ch -eq [char]'\') { $backslashes++; continue }
    if ($ch -eq [char]'"') { [void]$quoted.Append('\' * (2 * $backslashes + 1)).Append('"') }
    else { [void]$quoted.Append('\' * $backslashes).Append($ch) }
    $backslashes = 0
  }
  [void]$quoted.Append('\' * (2 * $backslashes)).Append('"')
  return $quoted.ToString()
}

# Starts the AWS CLI with its output going, byte for byte, to StdoutPath (or nowhere). The
# process is started directly rather than with "& aws": PowerShell would re-encode its output
# and, in Windows PowerShell, turn its error output into exceptions.
function Start-Aws([string[]] $Arguments, [string] $StdoutPath) {
  $psi = New-Object System.Diagnostics.ProcessStartInfo
  $psi.FileName = $script:AwsPath
  $psi.Arguments = (@($script:AwsBase + $Arguments) | ForEach-Object { ConvertTo-ProcessArgument $_ }) -join ' '
  $psi.UseShellExecute = $false
  $psi.CreateNoWindow = $true
  $psi.RedirectStandardInput = $true
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $psi.StandardErrorEncoding = $Utf8
  if ($StdoutPath) { $sink = [System.IO.File]::Create($StdoutPath) } else { $sink = [System.IO.Stream]::Null }
  $process = [System.Diagnostics.Process]::Start($psi)
  $process.StandardInput.Close()
  $call = [pscustomobject]@{
    Process = $process
    Sink    = $sink
    Copy    = $process.StandardOutput.BaseStream.CopyToAsync($sink)
    Errors  = $process.StandardError.ReadToEndAsync()
  }
  [void]$script:Running.Add($call)
  return $call
}

function Wait-Aws($Call) {
  # Short waits, so that a Ctrl-C between them stops the script (a blocking wait would not).
  while (-not $Call.Process.WaitForExit(250)) { }
  $Call.Process.WaitForExit()
  $Call.Copy.Wait()
  $Call.Sink.Dispose()
  $script:Running.Remove($Call)
  return [pscustomobject]@{ ExitCode = $Call.Process.ExitCode; Stderr = $Call.Errors.Result }
}

function Invoke-Aws([string[]] $Arguments, [string] $StdoutPath) { Wait-Aws (Start-Aws $Arguments $StdoutPath) }

function ConvertTo-JsonString([string] $Text) {
  $escaped = New-Object System.Text.StringBuilder
  foreach ($ch in $Text.ToCharArray()) {
    if ($ch -eq [char]'\' -or $ch -eq [char]'"') { [void]$escaped.Append('\').Append($ch) }
    elseif ([int]$ch -lt 32 -or [int]$ch -eq 127) { [void]$escaped.Append(' ') }
    else { [void]$escaped.Append($ch) }
  }
  return '"' + $escaped.ToString() + '"'
}

# {"code","message"} from the AWS CLI's error output: "An error occurred (CODE) when calling
# the OP operation: MESSAGE", or, when no AWS service answered, the name botocore gives the
# failure (no credentials, no connection ...), so the bundle says why.
function ConvertTo-ErrorJson([string] $Stderr) {
  $m = [regex]::Match($Stderr, 'An error occurred \(([^)]*)\)([^\r\n]*)')
  if ($m.Success) {
    $code = $m.Groups[1].Value
    $at = $m.Groups[2].Value.IndexOf(' operation: ')
    if ($at -ge 0) { $message = $m.Groups[2].Value.Substring($at + 12) } else { $message = $m.Value.Substring(19) }
  } else {
    $first = @($Stderr -split '\r?\n' | Where-Object { $_ -match '\S' })
    if ($first.Count -gt 0) { $message = $first[0] } else { $message = '' }
    $code = 'CLIError'
    $known = [ordered]@{
      'Unable to locate credentials'                                = 'NoCredentialsError'
      'config profile \(.*\) could not be found'                    = 'ProfileNotFound'
      '[Ss][Ss][Oo].*([Tt]oken|[Ss]ession)'                         = 'SSOTokenError'
      'Could not connect to the endpoint URL'                       = 'EndpointConnectionError'
      'Connect timeout on endpoint URL'                             = 'ConnectTimeoutError'
      'Read timeout on endpoint URL'                                = 'ReadTimeoutError'
      'Connection was closed before we received a valid response'   = 'ConnectionClosedError'
      'SSL validation failed'                                       = 'SSLError'
      'Failed to connect to proxy URL'                              = 'ProxyConnectionError'
      'Unable to parse response|invalid XML'                        = 'MalformedResponse'
    }
    $all = $Stderr -replace '\r?\n', ' '
    foreach ($pattern in $known.Keys) {
      if ($all -cmatch $pattern) { $code = $known[$pattern]; break }
    }
  }
  $code = $code -creplace '[^A-Za-z0-9._:-]', ''
  if (-not $code) { $code = 'CLIError' }
  $message = $message.Trim([char[]]" `t`r")
  if ($message.Length -gt 500) { $message = $message.Substring(0, 500) }
  return '{"code": ' + (ConvertTo-JsonString $code) + ', "message": ' + (ConvertTo-JsonString $message) + '}' + "`n"
}

# The code of an error file this script wrote.
function Get-ErrorCode([string] $Path) {
  $m = [regex]::Match([System.IO.File]::ReadAllText($Path, $Utf8), '^\{"code": "([^"]*)"')
  return $m.Groups[1].Value
}

# Completes a call started with Start-Aws for File.json: keeps what the CLI printed, or
# writes File.error.json saying why the call failed.
function Complete-AwsCall($Call, [string] $File) {
  $answer = Wait-Aws $Call
  if ($answer.ExitCode -eq 0) {
    # The CLI prints nothing for some calls with nothing configured (get-bucket-versioning
    # of a new bucket); {} says the same and shows the call was answered.
    if ((Get-Item -LiteralPath "$File.json").Length -eq 0) { Write-Text "$File.json" "{}`n" }
  } else {
    Remove-Item -LiteralPath "$File.json" -Force
    Write-Text "$File.error.json" (ConvertTo-ErrorJson $answer.Stderr)
  }
}

function Start-AwsCall([string] $File, [string] $CallRegion, [string[]] $Arguments) {
  Start-Aws (@('--region', $CallRegion, '--output', 'json') + $Arguments) "$File.json"
}

function Invoke-AwsCall([string] $File, [string] $CallRegion, [string[]] $Arguments) {
  Complete-AwsCall (Start-AwsCall $File $CallRegion $Arguments) $File
}

# One line for the reasons a collection cannot start, from the first call's error output.
function Get-CannotStartReason([string] $Stderr) {
  $withProfile = ''
  if ($AwsProfile) { $withProfile = " --profile $AwsProfile" }
  if ($Stderr -cmatch 'Unable to locate credentials') {
    return 'no AWS credentials found: pass -Profile NAME (a profile of ~/.aws/config or ~/.aws/credentials), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'
  }
  if ($Stderr -cmatch 'config profile \(.*\) could not be found') {
    return "there is no profile `"$AwsProfile`" in ~/.aws/config or ~/.aws/credentials"
  }
  if ($Stderr -match 'sso.*(token|session)|GetRoleCredentials') {
    $of = ''
    if ($AwsProfile) { $of = " of profile $AwsProfile" }
    return "the AWS SSO session$of has expired or was never started: run ``aws sso login$withProfile``, then run this script again"
  }
  if ($Stderr -cmatch 'RequestTimeTooSkewed|RequestExpired|Signature expired|Signature not yet current') {
    return "this computer's clock differs from AWS's by more than AWS allows: set the date, time and time zone right, then run this script again"
  }
  if ($Stderr -cmatch '\((ExpiredToken|ExpiredTokenException|TokenRefreshRequired)\)') {
    return 'the AWS credentials have expired: sign in again or get new keys, then run this script again'
  }
  if ($Stderr -cmatch '\((InvalidClientTokenId|InvalidAccessKeyId|SignatureDoesNotMatch|UnrecognizedClientException|AuthFailure)\)') {
    $of = ''
    if ($AwsProfile) { $of = " of profile $AwsProfile" }
    return "AWS refused the credentials${of}: check the access key id and secret key"
  }
  if ($Stderr -cmatch 'Could not connect to the endpoint URL|Connect timeout on endpoint URL|Read timeout on endpoint URL|SSL validation failed|Failed to connect to proxy URL') {
    if ($EndpointUrl) { return "cannot reach ${EndpointUrl}: check the network and the -EndpointUrl" }
    return 'cannot reach AWS: check the network'
  }
  return ''
}

# A JSON string as the AWS CLI printed it, decoded: the key to pass back to the CLI.
function ConvertFrom-JsonStringLiteral([string] $Literal) {
  $s = $Literal.Substring(1, $Literal.Length - 2)
  $decoded = New-Object System.Text.StringBuilder
  for ($i = 0; $i -lt $s.Length; $i++) {
    $c = $s[$i]
    if ($c -ne [char]'\') { [void]$decoded.Append($c); continue }
    $i++
    switch -CaseSensitive ([string]$s[$i]) {
      'u' { [void]$decoded.Append([char][Convert]::ToInt32($s.Substring($i + 1, 4), 16)); $i += 4 }
      'n' { [void]$decoded.Append([char]10) }
      't' { [void]$decoded.Append([char]9) }
      'r' { [void]$decoded.Append([char]13) }
      'b' { [void]$decoded.Append([char]8) }
      'f' { [void]$decoded.Append([char]12) }
      default { [void]$decoded.Append($s[$i]) }
    }
  }
  return $decoded.ToString()
}

# The listed objects of list-objects-v2.json as the AWS CLI v2 prints it (four spaces an
# indent, one field a line): each key as the CLI wrote it (JSON) and decoded, and its size.
function Read-Listing([string] $Path) {
  $objects = New-Object System.Collections.ArrayList
  $inside = $false
  $current = $null
  foreach ($line in [System.IO.File]::ReadAllLines($Path, $Utf8)) {
    if ($line -cmatch '^    "Contents": \[') { $inside = $true; continue }
    if (-not $inside) { continue }
    if ($line -cmatch '^    \]') { $inside = $false; continue }
    if ($line -cmatch '^        \{') {
      $current = [pscustomobject]@{ Literal = '""'; Key = ''; Size = 1 }
      [void]$objects.Add($current)
      continue
    }
    $m = [regex]::Match($line, '^            "Key": (".*"),?$')
    if ($m.Success) { $current.Literal = $m.Groups[1].Value; $current.Key = ConvertFrom-JsonStringLiteral $m.Groups[1].Value; continue }
    $m = [regex]::Match($line, '^            "Size": ([0-9]+),?$')
    if ($m.Success) { $current.Size = [long]$m.Groups[1].Value }
  }
  return ,$objects
}

# N objects spread over the listing (first, last and between): the ACL sample.
function Select-Spread($Objects, [int] $N) {
  $picked = New-Object System.Collections.ArrayList
  if ($N -le 0 -or $Objects.Count -eq 0) { return ,$picked }
  if ($Objects.Count -le $N) { foreach ($o in $Objects) { [void]$picked.Add($o) }; return ,$picked }
  $step = ($Objects.Count - 1) / [double][Math]::Max(1, $N - 1)
  $seen = @{}
  for ($i = 0; $i -lt $N; $i++) {
    # Rounding half up, as JavaScript's Math.round does (PowerShell rounds half to even).
    $index = [int][Math]::Floor($i * $step + 0.5)
    if (-not $seen.ContainsKey($index)) { $seen[$index] = $true; [void]$picked.Add($Objects[$index]) }
  }
  return ,$picked
}

# Object names are tested on their ASCII letters lower-cased, as JavaScript's /i does;
# anything that is not ASCII stays as it is, and is no word character for \b's sake.
function ConvertTo-AsciiLower([string] $Text) {
  $chars = $Text.ToCharArray()
  for ($i = 0; $i -lt $chars.Length; $i++) {
    # Compared as numbers: PowerShell compares characters without regard to case.
    $code = [int]$chars[$i]
    if ($code -ge 65 -and $code -le 90) { $chars[$i] = [char]($code + 32) }
  }
  return -join $chars
}

function Test-VoterDataName([string] $Key) {
  $lower = ConvertTo-AsciiLower $Key
  $signal = ($lower -cmatch 'voter|registration|regist|absentee|poll[ _-]?book|vr[ _-]?(extract|export|file|db)') -or
    ("~$lower~" -cmatch '[^a-z0-9_]roll[^a-z0-9_]')
  return $signal -and ($lower -cmatch '\.(csv|tsv|psv|txt|dat|xlsx?|xlsm|ods|zip|7z|gz|bz2|xz|sql|dump|bak|mdb|accdb|sqlite|db|json|xml|parquet)\z')
}

# Up to N objects that may be tables, those named like voter data first.
function Select-Tables($Objects, [int] $N) {
  $tables = @($Objects | Where-Object { $_.Size -gt 0 -and ((ConvertTo-AsciiLower $_.Key) -cmatch '\.(csv|tsv|psv|tab|txt|dat)\z') })
  $ranked = @($tables | Where-Object { Test-VoterDataName $_.Key }) + @($tables | Where-Object { -not (Test-VoterDataName $_.Key) })
  return ,@($ranked | Select-Object -First ([Math]::Max(0, $N)))
}

# Up to N objects, in listing order, whose name does not say what they are (no extension, or
# one that dumps and backups hide behind), never tables: electron/core/discovery/file-magic.ts.
function Select-MagicFiles($Objects, [int] $N) {
  $unsettled = @($Objects | Where-Object {
      $lower = ConvertTo-AsciiLower $_.Key
      $last = $lower.Substring($lower.LastIndexOf('/') + 1)
      $_.Size -gt 0 -and $lower -cnotmatch '\.(csv|tsv|psv|tab|txt|dat)\z' -and
      (($last -ne '' -and -not $last.Contains('.')) -or
        $lower -cmatch '\.(bak|bin|dump|dmp|gz|db|data|raw|old|tmp|backup|out|img|blob|enc|exp|export|archive|[0-9]{3})\z')
    })
  return ,@($unsettled | Select-Object -First ([Math]::Max(0, $N)))
}

# The kind of a file from its first bytes, rule for rule as electron/core/discovery/file-magic.ts
# (first match wins). Returns the JSON member, or '' when the bytes show no kind it knows.
function Get-FileMagic([byte[]] $B) {
  $n = $B.Length
  $at = { param([int] $Off, [int[]] $List)
    if ($Off + $List.Length -gt $n) { return $false }
    for ($k = 0; $k -lt $List.Length; $k++) { if ($B[$Off + $k] -ne $List[$k]) { return $false } }
    return $true }
  $str = { param([int] $Off, [string] $Text) & $at $Off ([int[]][char[]]$Text) }
  # Latin-1 keeps one character a byte, so a search for ASCII text finds it where the bytes are.
  $text = [System.Text.Encoding]::GetEncoding(28591).GetString($B)
  $has = { param([string] $Needle) $text.Contains($Needle) }
  $pkcs12 = {
    if ($n -lt 2 -or $B[0] -ne 0x30) { return $false }
    $l = [int]$B[1]
    $off = if ($l -le 0x80) { 2 } elseif ($l -le 0x84) { 2 + $l - 0x80 } else { -1 }
    return ($off -gt 0) -and (& $at $off @(2, 1, 3))
  }
  $kind = ''
  if ((& $str 0 'SQLite format 3') -and (& $at 15 @(0))) { $kind = 'sqlite' }
  elseif ((& $str 4 'Standard Jet DB') -or (& $str 4 'Standard ACE DB')) { $kind = 'access-db' }
  elseif (& $str 0 'PGDMP') { $kind = 'pgdump' }
  elseif ((& $at 0 @(3, 0xD9, 0xA2, 0x9A)) -and $n -ge 5 -and $B[4] -ge 0x65 -and $B[4] -le 0x67 -and (& $at 5 @(0xFB, 0x4B, 0xB5))) { $kind = 'keepass' }
  elseif ((& $str 0 'TAPE') -and ([Array]::IndexOf($B, [byte]0) -ge 0)) { $kind = 'mssql-backup' }
  elseif (& $at 0 @(0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C)) { $kind = '7z' }
  elseif ((& $at 0 @(0xFD)) -and (& $str 1 '7zXZ') -and (& $at 5 @(0))) { $kind = 'xz' }
  elseif (& $at 0 @(0x28, 0xB5, 0x2F, 0xFD)) { $kind = 'zstd' }
  elseif (& $at 0 @(0x1F, 0x8B)) { $kind = 'gzip' }
  elseif ((& $str 0 'PK') -and (& $at 2 @(3, 4))) { $kind = 'zip' }
  elseif (& $str 0 'BZh') { $kind = 'bzip2' }
  elseif (& $pkcs12) { $kind = 'pkcs12' }
  elseif (& $has 'EXPORT:V') { $kind = 'oracle-export' }
  elseif ((& $has '-- MySQL dump') -or (& $has '-- MariaDB dump')) { $kind = 'mysql-dump' }
  elseif (& $has '-- PostgreSQL database dump') { $kind = 'postgres-sql-dump' }
  elseif ((& $has 'PRIVATE KEY-----') -or (& $has 'PRIVATE KEY BLOCK-----') -or (& $str 0 'PuTTY-User-Key-File-')) { $kind = 'private-key' }
  elseif (& $has 'aws_secret_access_key') { $kind = 'aws-credentials' }
  if ($kind) { return "`"magic`": `"$kind`"" }
  return ''
}

# The white space JavaScript's trim() removes.
$JsWhiteSpace = [char[]]@(9, 10, 11, 12, 13, 32, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF)

# The shape of one field, as electron/core/discovery/table-shapes.ts gives it ([0-9] and \z
# where JavaScript has \d and $: .NET's \d takes any script's digits, its $ a final newline).
function Get-ValueShape([string] $Raw) {
  $v = $Raw.Trim($JsWhiteSpace)
  if ($v.Length -eq 0) { return 'empty' }
  if ($v -cmatch '^[0-9]+\z') { return "digits:$($v.Length)" }
  if ($v -cmatch '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?\z' -or
    $v -cmatch '^[0-9]{1,2}/[0-9]{1,2}/([0-9]{2}|[0-9]{4})\z') { return 'date' }
  if ($v -cmatch '^[A-Z]{1,3}\z') { return "upper:$($v.Length)" }
  if ($v -cmatch '^[A-Za-z]+([ ''.-][A-Za-z]+)*\.?\z') { return 'alpha' }
  if ($v -cmatch '^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*\z' -and $v -cmatch '[0-9]' -and $v -cmatch '[A-Za-z]') { return 'alnum' }
  return 'mixed'
}

# Column names and row shapes of a table from its first bytes, the way Canvass's classifier
# reads them (electron/core/discovery/table-shapes.ts): RFC 4180 fields, the delimiter the
# first line holds most of, at most five rows, and a first line kept as a header only when
# it reads as column names. Returns the JSON members, or '' when the bytes are not a table.
function Get-TableShapes([byte[]] $Chunk, [bool] $Complete) {
  $text = $Utf8.GetString($Chunk)
  if ($text.Length -gt 0 -and $text[0] -eq [char]0xFEFF) { $text = $text.Substring(1) }
  if ($text.Contains([string][char]0)) { return '' }
  $firstLine = ($text -split '\r?\n', 2)[0]
  # Characters are compared by their codes: PowerShell's -eq compares text by culture.
  $delimiter = 44
  $most = -1
  foreach ($d in @(44, 9, 124, 59)) {
    $count = $firstLine.Split([char]$d).Length - 1
    if ($count -gt $most) { $most = $count; $delimiter = $d }
  }
  $rows = New-Object System.Collections.ArrayList
  $row = New-Object System.Collections.ArrayList
  $field = New-Object System.Text.StringBuilder
  $quoted = $false
  $i = 0
  while ($i -lt $text.Length -and $rows.Count -le 5) {
    $c = [int]$text[$i]
    if ($quoted) {
      if ($c -eq 34 -and $i + 1 -lt $text.Length -and [int]$text[$i + 1] -eq 34) { [void]$field.Append('"'); $i += 2; continue }
      if ($c -eq 34) { $quoted = $false } else { [void]$field.Append($text[$i]) }
      $i++
      continue
    }
    if ($c -eq 34 -and $field.Length -eq 0) { $quoted = $true }
    elseif ($c -eq $delimiter) { [void]$row.Add($field.ToString()); [void]$field.Clear() }
    elseif ($c -eq 10 -or $c -eq 13) {
      [void]$row.Add($field.ToString()); [void]$field.Clear()
      if ($row.Count -gt 1 -or $row[0].Length -gt 0) { [void]$rows.Add(@($row.ToArray())) }
      $row = New-Object System.Collections.ArrayList
      if ($c -eq 13 -and $i + 1 -lt $text.Length -and [int]$text[$i + 1] -eq 10) { $i++ }
    }
    else { [void]$field.Append($text[$i]) }
    $i++
  }
  if ($i -ge $text.Length -and $Complete -and ($field.Length -gt 0 -or $row.Count -gt 0)) {
    [void]$row.Add($field.ToString())
    [void]$rows.Add(@($row.ToArray()))
  }
  if ($rows.Count -eq 0 -or $rows[0].Count -lt 2) { return '' }

  # A header: distinct column names and, where rows follow, a column of numbers or dates.
  $names = @($rows[0] | ForEach-Object { $_.Trim($JsWhiteSpace) })
  $header = $true
  # Case-sensitive, as JavaScript's Set is (a PowerShell @{} is not).
  $seen = New-Object 'System.Collections.Generic.HashSet[string]'
  foreach ($name in $names) {
    if ($name -cnotmatch '^[A-Za-z][A-Za-z0-9 _.#/()-]{0,63}\z' -or -not $seen.Add($name)) { $header = $false }
  }
  if ($header -and $rows.Count -gt 1) {
    $header = $false
    for ($col = 0; $col -lt $names.Count -and -not $header; $col++) {
      $all = $true
      for ($r = 1; $r -lt $rows.Count; $r++) {
        if ($col -ge $rows[$r].Count -or (Get-ValueShape $rows[$r][$col]) -cnotmatch '^(digits:[0-9]+|date)\z') { $all = $false }
      }
      $header = $all
    }
  }
  $first = 0
  $members = ''
  if ($header) {
    $first = 1
    $members = '"header": [' + (@($names | ForEach-Object { '"' + $_ + '"' }) -join ', ') + '], '
  }
  $shapes = New-Object System.Collections.ArrayList
  for ($r = $first; $r -lt $rows.Count -and $r -lt $first + 5; $r++) {
    [void]$shapes.Add('[' + (@($rows[$r] | ForEach-Object { '"' + (Get-ValueShape $_) + '"' }) -join ', ') + ']')
  }
  return $members + '"rowShapes": [' + ($shapes -join ', ') + ']'
}

# Reads the first bytes of an object: 64 KB of a table for its shapes, 512 of a file for its
# kind. The AWS CLI writes the bytes to a file in the private scratch folder; it is read back
# at once and deleted, whatever happens.
function Get-SampleBytes([string] $Kind) { if ($Kind -eq 'table') { return $TableChunkBytes } else { return $MagicBytes } }

function Start-Sample([string] $Kind, [string] $Bucket, [string] $BucketRegion, $Object, [string] $File) {
  Start-Aws @('--region', $BucketRegion, 's3api', 'get-object', '--bucket', $Bucket, "--key=$($Object.Key)",
    '--range', "bytes=0-$((Get-SampleBytes $Kind) - 1)", "$File.bytes") $null
}

function Complete-Sample([string] $Kind, $Call, $Object, [string] $File) {
  $limit = Get-SampleBytes $Kind
  $answer = Wait-Aws $Call
  try {
    if ($answer.ExitCode -ne 0) {
      Write-Text "$File.error.json" (ConvertTo-ErrorJson $answer.Stderr)
      return
    }
    $stream = [System.IO.File]::OpenRead("$File.bytes")
    try {
      # Never more than asked for, even from a server that ignores the range.
      $chunk = New-Object byte[] $limit
      $read = 0
      while ($read -lt $limit) {
        $n = $stream.Read($chunk, $read, $limit - $read)
        if ($n -le 0) { break }
        $read += $n
      }
    } finally { $stream.Dispose() }
    [Array]::Resize([ref]$chunk, $read)
    if ($Kind -eq 'table') { Write-Text "$File.json" (Get-TableShapes $chunk ($Object.Size -le $TableChunkBytes)) }
    else { Write-Text "$File.json" (Get-FileMagic $chunk) }
  } finally {
    if (Test-Path -LiteralPath "$File.bytes") { Remove-Item -LiteralPath "$File.bytes" -Force }
  }
}

# Object evidence is one file per kind: the answers by key, or the first failure (an object
# deleted since the listing, or empty, has nothing to give and is left out).
function Write-ObjectEvidence([string] $File, [string] $Open, [string] $Close, $Items) {
  $parts = New-Object System.Collections.ArrayList
  foreach ($item in $Items) {
    if (Test-Path -LiteralPath "$($item.File).error.json") {
      if (@('NoSuchKey', 'InvalidRange') -contains (Get-ErrorCode "$($item.File).error.json")) { continue }
      Copy-Item -LiteralPath "$($item.File).error.json" -Destination "$File.error.json"
      return
    }
    $answer = [System.IO.File]::ReadAllText("$($item.File).json", $Utf8).TrimEnd([char[]]"`r`n")
    if ($Open -eq '{') {
      [void]$parts.Add("    $($item.Object.Literal): " + ($answer -replace "`n", "`n    "))
    } elseif ($answer) {
      [void]$parts.Add("    {`"key`": $($item.Object.Literal), $answer}")
    }
  }
  if ($parts.Count -eq 0) { Write-Text "$File.json" "$Open$Close`n" }
  else { Write-Text "$File.json" ("$Open`n" + ($parts -join ",`n") + "`n$Close`n") }
}

# Starts one planned call: a bucket's configuration call, an object's ACL, a sample's first bytes.
function Start-Planned($Item) {
  switch ($Item.Kind) {
    'config' { return Start-AwsCall $Item.File $Item.Region @('s3api', $Item.Call, '--bucket', $Item.Bucket) }
    'acl' { return Start-AwsCall $Item.File $Item.Region @('s3api', 'get-object-acl', '--bucket', $Item.Bucket, "--key=$($Item.Object.Key)") }
    { $_ -in 'table', 'magic' } { return Start-Sample $Item.Kind $Item.Bucket $Item.Region $Item.Object $Item.File }
  }
}

function Complete-Planned($Item, $Call) {
  if ($Item.Kind -in 'table', 'magic') { Complete-Sample $Item.Kind $Call $Item.Object $Item.File }
  else { Complete-AwsCall $Call $Item.File }
}

# Runs planned calls side by side, at most $Parallel at a time.
function Invoke-Planned($Items) {
  $Items = @($Items)
  for ($at = 0; $at -lt $Items.Count; $at += $Parallel) {
    $batch = @($Items[$at..([Math]::Min($at + $Parallel, $Items.Count) - 1)])
    $calls = @(foreach ($item in $batch) { Start-Planned $item })
    for ($k = 0; $k -lt $batch.Count; $k++) { Complete-Planned $batch[$k] $calls[$k] }
  }
}

function New-Planned([string] $Kind, [string] $File, [string] $Bucket, [string] $BucketRegion, [string] $Call, $Object) {
  return [pscustomobject]@{ Kind = $Kind; File = $File; Bucket = $Bucket; Region = $BucketRegion; Call = $Call; Object = $Object }
}

# The ACLs of a few listed objects, the shapes of a few tables and the kinds of a few files
# whose name does not say.
function Invoke-ObjectEvidence([string] $Bucket, [string] $BucketRegion, [string] $Dir) {
  $objects = Read-Listing (Join-Path $Dir 'list-objects-v2.json')
  $n = 0
  $acls = @(foreach ($o in (Select-Spread $objects $AclSample)) {
      $n++
      New-Planned 'acl' (Join-Path $script:Scratch "obj.$n") $Bucket $BucketRegion '' $o
    })
  $tables = @(foreach ($o in (Select-Tables $objects $TableSample)) {
      $n++
      New-Planned 'table' (Join-Path $script:Scratch "obj.$n") $Bucket $BucketRegion '' $o
    })
  $magic = @(foreach ($o in (Select-MagicFiles $objects $MagicSample)) {
      $n++
      New-Planned 'magic' (Join-Path $script:Scratch "obj.$n") $Bucket $BucketRegion '' $o
    })
  Invoke-Planned ($acls + $tables + $magic)
  Write-ObjectEvidence (Join-Path $Dir 'get-object-acl') '{' '}' $acls
  Write-ObjectEvidence (Join-Path $Dir 'object-samples') '[' ']' ($tables + $magic)
  Get-ChildItem -LiteralPath $script:Scratch -Filter 'obj.*' | Remove-Item -Force
}

function Invoke-Collection {
  if (-not $Out) { Fail '-Out DIR is required (the bundle folder to create)' }
  if ($MaxKeys -lt 1 -or $MaxKeys -gt 1000) { Fail '-MaxKeys must be a whole number from 1 to 1000' }
  if ($AclSample -lt 0) { Fail '-AclSample must be a whole number (0 reads no object ACL)' }
  if ($EndpointUrl -and $EndpointUrl -notmatch '^https?://') { Fail '-EndpointUrl must start with https:// or http://' }

  $command = Get-Command aws -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
  if (-not $command) { Fail 'the AWS CLI is not installed: install the AWS CLI version 2, then run this script again' }
  $script:AwsPath = $command.Path
  $script:AwsBase = @()
  $versionFile = [System.IO.Path]::GetTempFileName()
  try {
    $answer = Invoke-Aws @('--version') $versionFile
    $cliVersion = ([System.IO.File]::ReadAllText($versionFile, $Utf8) + $answer.Stderr).Trim()
  } finally { Remove-Item -LiteralPath $versionFile -Force }
  if ($cliVersion -notlike 'aws-cli/2.*') { Fail "this script needs the AWS CLI version 2, and ``aws --version`` says: $(($cliVersion -split '\r?\n')[0])" }

  # The target: a new folder, or an empty one, beside which OUT.partial can be made. Paths
  # are made absolute from PowerShell's current location, which .NET does not know.
  $target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Out).TrimEnd([char[]]'\/')
  $script:Partial = "$target.partial"
  if (Test-Path -LiteralPath $target) {
    if (-not (Test-Path -LiteralPath $target -PathType Container)) { Fail "$Out exists and is not a folder: choose a new folder for the evidence" }
    if (Get-ChildItem -LiteralPath $target -Force | Select-Object -First 1) { Fail "$Out exists and is not empty: choose a new folder for the evidence" }
  }
  if (Test-Path -LiteralPath $script:Partial) { Fail "$($script:Partial) exists (left by an interrupted run?): remove it, then run this script again" }
  $parent = Split-Path -Parent $target
  if (-not (Test-Path -LiteralPath $parent -PathType Container)) { Fail "${parent}: no such folder" }

  # .NET's own calls take paths as they are (PowerShell's would read [ and ] as wildcards).
  [void][System.IO.Directory]::CreateDirectory($script:Partial)
  $script:MadePartial = $true
  $account = Join-Path $script:Partial 'account'
  $bucketsDir = Join-Path $script:Partial 'buckets'
  [void][System.IO.Directory]::CreateDirectory($account)
  [void][System.IO.Directory]::CreateDirectory($bucketsDir)
  # Error output and object bytes, kept apart from the bundle and removed at the end.
  $script:Scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("canvass-collect." + [guid]::NewGuid().ToString('N'))
  [void][System.IO.Directory]::CreateDirectory($script:Scratch)

  # The AWS CLI may prompt for parameters when a user's config asks for it; that may not
  # happen here. Its output is UTF-8 whatever the Windows code page: recent versions of the
  # CLI honour AWS_CLI_OUTPUT_ENCODING (older ones may write a key outside the code page
  # wrongly, or fail that call, which the bundle then records).
  $script:SavedEncoding = $env:AWS_CLI_OUTPUT_ENCODING
  $script:EncodingSet = $true
  $env:AWS_CLI_OUTPUT_ENCODING = 'UTF-8'
  $script:AwsBase = @('--no-cli-pager', '--no-cli-auto-prompt')
  if ($AwsProfile) { $script:AwsBase += @('--profile', $AwsProfile) }
  if ($EndpointUrl) { $script:AwsBase += @('--endpoint-url', $EndpointUrl) }

  $defaultRegion = $Region
  if (-not $defaultRegion) { $defaultRegion = $env:AWS_REGION }
  if (-not $defaultRegion) { $defaultRegion = $env:AWS_DEFAULT_REGION }
  if (-not $defaultRegion) {
    $regionFile = Join-Path $script:Scratch 'region'
    $answer = Invoke-Aws @('configure', 'get', 'region') $regionFile
    if ($answer.ExitCode -eq 0) { $defaultRegion = [System.IO.File]::ReadAllText($regionFile, $Utf8).Trim() }
  }
  if (-not $defaultRegion) { $defaultRegion = 'us-east-1' }

  $started = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)

  # Who is collecting, and in which account.
  $identityFile = Join-Path $account 'caller-identity'
  $answer = Invoke-Aws @('--region', $defaultRegion, '--output', 'json', 'sts', 'get-caller-identity') "$identityFile.json"
  $accountId = ''
  $arn = ''
  if ($answer.ExitCode -eq 0) {
    $identity = [System.IO.File]::ReadAllText("$identityFile.json", $Utf8)
    $m = [regex]::Match($identity, '(?m)^    "Account": "([0-9]{12})",?\r?$')
    if ($m.Success) { $accountId = $m.Groups[1].Value }
    $m = [regex]::Match($identity, '(?m)^    "Arn": "([^"]*)",?\r?$')
    if ($m.Success) { $arn = $m.Groups[1].Value }
  } else {
    Remove-Item -LiteralPath "$identityFile.json" -Force
    $reason = Get-CannotStartReason $answer.Stderr
    if ($reason) { Fail $reason }
    Write-Text "$identityFile.error.json" (ConvertTo-ErrorJson $answer.Stderr)
  }
  $partition = 'aws'
  if ($arn -cmatch '^arn:([^:]+):') { $partition = $Matches[1] }
  $who = $arn
  if (-not $who) { $who = 'an identity STS did not name' }
  $in = $accountId
  if (-not $in) { $in = 'unknown' }
  $via = ''
  if ($EndpointUrl) { $via = ", endpoint $EndpointUrl" }
  Say "collecting as $who in account $in, region $defaultRegion$via"

  # Without the bucket list nothing can be found: its failure ends the run.
  $listFile = Join-Path $bucketsDir 'list-buckets.json'
  $answer = Invoke-Aws @('--region', $defaultRegion, '--output', 'json', 's3api', 'list-buckets') $listFile
  if ($answer.ExitCode -ne 0) {
    $reason = Get-CannotStartReason $answer.Stderr
    if (-not $reason -and $answer.Stderr -cmatch '\((AccessDenied|AllAccessDisabled)\)') {
      $for = ''
      if ($arn) { $for = " for $arn" }
      $reason = "access denied on ListBuckets${for}: the identity needs s3:ListAllMyBuckets to find the buckets"
    }
    if (-not $reason) { $reason = "ListBuckets failed: $((ConvertTo-ErrorJson $answer.Stderr).Trim())" }
    Fail $reason
  }

  # Account-level Block Public Access. With -EndpointUrl the AWS CLI sends this call to
  # ACCOUNT.HOST (it puts the account id in front of the endpoint's host name).
  if ($accountId) {
    Invoke-AwsCall (Join-Path $account 'public-access-block') $defaultRegion @('s3control', 'get-public-access-block', '--account-id', $accountId)
  }

  # Bucket names and the regions ListBuckets gives (newer S3 APIs name them). A name that
  # is not a valid bucket name would become a path: it ends the run before any bucket is
  # read (Canvass would refuse the bundle all the same).
  $buckets = New-Object System.Collections.ArrayList
  $inside = $false
  foreach ($line in [System.IO.File]::ReadAllLines($listFile, $Utf8)) {
    if ($line -cmatch '^    "Buckets": \[') { $inside = $true; continue }
    if (-not $inside) { continue }
    if ($line -cmatch '^    \]') { $inside = $false; continue }
    if ($line -cmatch '^        \{') { $current = [pscustomobject]@{ Name = ''; Region = '' }; [void]$buckets.Add($current); continue }
    if ($line -cmatch '^            "Name": "(.*)",?$') { $current.Name = $Matches[1]; continue }
    if ($line -cmatch '^            "BucketRegion": "(.*)",?$') { $current.Region = $Matches[1] }
  }
  foreach ($b in $buckets) {
    if ($b.Name -cnotmatch '^[A-Za-z0-9][A-Za-z0-9._-]+\z' -or $b.Name.Contains('..') -or $b.Name.Length -gt 255) {
      Fail "ListBuckets named a bucket `"$($b.Name)`", which is not a valid bucket name"
    }
  }
  Say "found $($buckets.Count) bucket(s)"

  $n = 0
  foreach ($b in $buckets) {
    $n++
    Say "[$n/$($buckets.Count)] $($b.Name)"
    $dir = Join-Path $bucketsDir $b.Name
    [void][System.IO.Directory]::CreateDirectory($dir)
    $location = Join-Path $dir 'get-bucket-location'
    Invoke-AwsCall $location $defaultRegion @('s3api', 'get-bucket-location', '--bucket', $b.Name)
    # Each bucket is read in its own region; one whose location cannot be read still is, in
    # the region ListBuckets gave or the default one. No LocationConstraint is us-east-1, and
    # the legacy "EU" is eu-west-1.
    $where = $defaultRegion
    if ($b.Region) { $where = $b.Region }
    if (Test-Path -LiteralPath "$location.json") {
      $m = [regex]::Match([System.IO.File]::ReadAllText("$location.json", $Utf8), '(?m)^    "LocationConstraint": (null|"([^"]*)")\r?$')
      if ($m.Success) {
        $where = $m.Groups[2].Value
        if (-not $where) { $where = 'us-east-1' }
        if ($where -ceq 'EU') { $where = 'eu-west-1' }
      }
    }
    Invoke-Planned @(foreach ($call in $BucketConfigCalls) { New-Planned 'config' (Join-Path $dir $call) $b.Name $where $call $null })
    # One page of object names, as Canvass's collection reads it (MaxKeys, no paging), so
    # the file says whether the listing was truncated.
    Invoke-AwsCall (Join-Path $dir 'list-objects-v2') $where @('s3api', 'list-objects-v2', '--bucket', $b.Name, '--max-keys', "$MaxKeys", '--no-paginate')
    if (Test-Path -LiteralPath (Join-Path $dir 'list-objects-v2.json')) { Invoke-ObjectEvidence $b.Name $where $dir }
  }

  $manifest = "{`n" +
    "    `"format`": `"$Format`",`n" +
    "    `"collectedAt`": `"$started`",`n" +
    "    `"collector`": `"$Prog/$Version`",`n"
  if ($accountId) { $manifest += "    `"accountId`": `"$accountId`",`n" }
  $manifest += "    `"partition`": `"$partition`"`n}`n"
  Write-Text (Join-Path $script:Partial 'manifest.json') $manifest

  # An empty target folder is replaced; one that filled up meanwhile is not.
  if (Test-Path -LiteralPath $target) {
    if (Get-ChildItem -LiteralPath $target -Force | Select-Object -First 1) {
      $script:MadePartial = $false
      Fail "$Out is no longer empty: the evidence is left, whole, in $($script:Partial)"
    }
    [System.IO.Directory]::Delete($target)
  }
  [System.IO.Directory]::Move($script:Partial, $target)
  $script:Finished = $true
  $failed = @(Get-ChildItem -LiteralPath $target -Recurse -Filter '*.error.json').Count
  Say "wrote ${Out}: $($buckets.Count) bucket(s) of account $in; $failed call(s) failed or found nothing configured (see the .error.json files)"
}

$Partial = ''
$Scratch = ''
$MadePartial = $false
$Finished = $false
$SavedEncoding = $null
$EncodingSet = $false
$AwsPath = ''
$AwsBase = @()
$exitCode = 0
try {
  Invoke-Collection
} catch {
  if ($_.Exception.Data['canvass']) { Say $_.Exception.Message; $exitCode = 1 }
  else { Say "internal error: $($_.Exception.Message)"; $exitCode = 2 }
} finally {
  # Also on Ctrl-C (which skips the catch): calls still running belong to this run, and a
  # half-written bundle goes.
  foreach ($call in @($Running)) { try { $call.Process.Kill() } catch { } }
  if ($Scratch -and (Test-Path -LiteralPath $Scratch)) { Remove-Item -LiteralPath $Scratch -Recurse -Force }
  if ($MadePartial -and -not $Finished) {
    if (Test-Path -LiteralPath $Partial) { Remove-Item -LiteralPath $Partial -Recurse -Force }
    if ($exitCode -eq 0) { Say 'interrupted: nothing was written' }
  }
  if ($EncodingSet) {
    if ($null -ne $SavedEncoding) { $env:AWS_CLI_OUTPUT_ENCODING = $SavedEncoding } else { Remove-Item Env:AWS_CLI_OUTPUT_ENCODING -ErrorAction SilentlyContinue }
  }
}
exit $exitCode
