import { voterLayouts, type ColumnKind, type VoterLayout } from './voter-layouts';

/**
 * What a header's column names say: which kind of voter data each column holds (from the
 * states' published layouts first, then from generic names), which state layout the header
 * is closest to, and whether together they make a voter registration extract.
 */

/** Column names compared without case, quotes, camelCase or punctuation: "StateVoterID" is "state_voter_id". */
const normColumn = (c: string) =>
  c
    .trim()
    .replace(/["']/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** Generic names, for headers that follow no published layout (county exports, vendors' files). */
const GENERIC: [ColumnKind, RegExp][] = [
  // county_id and state_id alone are jurisdiction codes (North Carolina's layout), not voter ids.
  ['voterId', /^((state|county|sos)_)?(voter|registrant|(voter_)?(registration|reg))_?(id|no|num|number|nbr|key)$|^(vuid|ncid|vrid|sos_voterid|voter_reg_num|sboeid)$/],
  // A bare "Last" or "First" is a name: dates and codes say what they are ("Last Voted").
  ['lastName', /^(last|sur|family)_?name$|^(last|lname|name_last|surname)$/],
  ['firstName', /^(first|given)_?name$|^(first|fname|name_first)$/],
  ['middleName', /^(middle|midl)_?(name|initial)?$|^(mname|name_middle|mi)$/],
  ['nameSuffix', /^(name_)?(suffix|sufx)(_cd|_lbl)?$/],
  ['fullName', /^(full_?name|voter_?name|name)$|^name_(last_first|first_last)(_middle)?$/],
  ['birthDate', /^(date_of_birth|dob|birth_?date)$/],
  ['birthYear', /^(birth_?year|year_of_birth|yob)$/],
  ['age', /^age$/],
  ['registrationDate', /^(original_)?(registration|reg|registered|registr)_?(date|dt)$|^(date_registered|date_of_registration|regdate)$/],
  ['party', /(^|_)party(_|$)|^(enrollment|affiliation)$/],
  ['precinct', /(^|_)(precinct|pct)(_|$)/],
  ['district', /(^|_)(district|dist|ward|ballot_style)(_|$)|^(cd|sd|hd|ld|ad|ed)$/],
  ['status', /^(voter_)?status(_code|_cd|_reason|_desc)?$/],
  ['history', /(^|_)(history|voted)(_|$)|^(general|primary|special)_\d|^e\d{2,4}$/],
  ['mailing', /(^|_)(mail|mailing)(_|$)/],
  ['residence', /(^|_)(address|addr|street|city|zip|zipcode|house)(_|$)|^(res|residence|residential)_/],
  ['gender', /^(gender|sex)(_code|_cd)?$/],
  ['phone', /(^|_)phone(_|$)/],
  ['email', /(^|_)e_?mail(_|$)/],
];

/**
 * Words of columns only other lists of people or places have, however many names, addresses,
 * precincts and registration dates they share with the voter roll: staff, poll workers and
 * judges, candidates and party officials, polling sites, and the other registrations (schools,
 * libraries, vehicles, events, donations). No published layout's column uses one (a county's
 * "Polling Place" or "Supervisor District" column is the voter's own, so those words are not here).
 */
const OTHER_LIST_WORDS = new Set([
  'role', 'position', 'assignment', 'assigned', 'worker', 'workers', 'judge', 'judges', 'training', 'class', 'shift',
  'employee', 'emp', 'emplid', 'staff', 'hire', 'hired', 'salary', 'wage', 'department', 'dept', 'job', 'employer', 'occupation',
  'candidate', 'contest', 'office', 'filing', 'filed', 'committee', 'term',
  'capacity', 'accessible', 'ada', 'hours', 'opens', 'closes',
  'student', 'grade', 'guardian', 'patron', 'branch', 'ticket', 'vehicle', 'plate', 'vin', 'make', 'model',
  'donor', 'contributor', 'contribution', 'donation', 'amount', 'juror',
]);

/** The groups a voter extract draws on; "which columns made the call" lists these. */
const VOTER_GROUPS: Partial<Record<ColumnKind, string>> = {
  voterId: 'voter id',
  lastName: 'name',
  firstName: 'name',
  middleName: 'name',
  fullName: 'name',
  residence: 'residence address',
  mailing: 'mailing address',
  birthDate: 'birth date or year',
  birthYear: 'birth date or year',
  age: 'birth date or year',
  registrationDate: 'registration date',
  party: 'party',
  precinct: 'precinct or district',
  district: 'precinct or district',
  status: 'voter status',
  history: 'election history',
};

interface Vocabulary {
  /** Normalized column name to its kind, where every layout naming it agrees. */
  kinds: Map<string, ColumnKind>;
  names: Map<VoterLayout, Set<string>>;
}

let vocabulary: Vocabulary | undefined;
function layoutVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary;
  const seen = new Map<string, Set<ColumnKind>>();
  const names = new Map<VoterLayout, Set<string>>();
  for (const l of voterLayouts()) {
    names.set(l, new Set(l.columns.map((c) => normColumn(c.name))));
    for (const c of l.columns) {
      const n = normColumn(c.name);
      if (!seen.has(n)) seen.set(n, new Set());
      seen.get(n)!.add(c.kind);
    }
  }
  // COUNTY_ID is Ohio's county voter id but North Carolina's county code: a name the layouts
  // disagree on says nothing by itself, and falls back to the generic names.
  const kinds = new Map([...seen].filter(([, k]) => k.size === 1).map(([n, k]) => [n, [...k][0]]));
  return (vocabulary = { kinds, names });
}

interface LayoutMatch {
  layout: VoterLayout;
  /** Dice similarity of the header's column names and the layout's, 0 to 1. */
  score: number;
}

/** The state layout whose column names the header shares most (Dice coefficient). */
function bestLayoutByNames(header: string[]): LayoutMatch | undefined {
  const h = new Set(header.map(normColumn));
  let best: LayoutMatch | undefined;
  for (const [layout, names] of layoutVocabulary().names) {
    let shared = 0;
    for (const n of h) if (names.has(n)) shared++;
    const score = (2 * shared) / (h.size + names.size);
    if (shared >= 3 && (!best || score > best.score)) best = { layout, score };
  }
  return best;
}

interface HeaderReading {
  kinds: (ColumnKind | undefined)[];
  layout?: LayoutMatch;
  /** Columns whose words are other lists' (OTHER_LIST_WORDS). */
  otherColumns: string[];
}

/** Above this similarity a header is that state's layout, whatever its generic names say. */
const LAYOUT_MATCH = 0.6;

function readHeader(header: string[]): HeaderReading {
  const { kinds } = layoutVocabulary();
  const layout = bestLayoutByNames(header);
  const own = layout && layout.score >= LAYOUT_MATCH ? new Map(layout.layout.columns.map((c) => [normColumn(c.name), c.kind])) : undefined;
  const otherColumns: string[] = [];
  const read = header.map((col) => {
    const n = normColumn(col);
    if (n.split('_').some((w) => OTHER_LIST_WORDS.has(w))) otherColumns.push(col);
    return own?.get(n) ?? kinds.get(n) ?? GENERIC.find(([, re]) => re.test(n))?.[0];
  });
  return { kinds: read, layout, otherColumns };
}

export interface HeaderVerdict {
  isVoterFile: boolean;
  /** Column names that made the call (those holding voter data). */
  columns: string[];
  /** The groups found, as words ("voter id", "name", ...). */
  groups: string[];
  layout?: LayoutMatch;
  reason: string;
}

/**
 * A header is a voter extract when it names people (name columns) tied to the registration
 * (a voter id or a registration date) and enough other voter-file columns; or party and
 * precinct with birth or history; or when it is a state's published layout. A table with
 * columns only other lists have (staff, poll workers, candidates, sites, other registrations)
 * is not, unless it is a published layout.
 */
export function classifyHeader(header: string[]): HeaderVerdict {
  const { kinds, layout, otherColumns } = readHeader(header);
  const columns: string[] = [];
  const groups = new Set<string>();
  const has = new Set<ColumnKind>();
  kinds.forEach((k, i) => {
    if (!k || !VOTER_GROUPS[k]) return;
    columns.push(header[i]);
    groups.add(VOTER_GROUPS[k]!);
    has.add(k);
  });
  const name = has.has('lastName') || has.has('firstName') || has.has('fullName');
  const anchored = has.has('voterId') || has.has('registrationDate');
  // A status column is on every list (staff, candidates, sites): with party and precinct it says nothing of voters.
  const partisan = has.has('party') && (has.has('precinct') || has.has('district')) && (groups.has('birth date or year') || has.has('history'));
  const published = !!layout && layout.score >= LAYOUT_MATCH;
  const byColumns = name && ((anchored && groups.size >= 4) || (partisan && groups.size >= 5));
  const base = { columns, groups: [...groups], ...(layout ? { layout } : {}) };
  if (published) return { ...base, isVoterFile: true, reason: `its header is the ${layout.layout.state} ${layout.layout.name} layout` };
  if (byColumns && otherColumns.length) {
    return { ...base, isVoterFile: false, reason: `its columns are another list's (${otherColumns.join(', ')}): staff, poll workers, candidates, sites or another registry, not voters` };
  }
  if (byColumns) return { ...base, isVoterFile: true, reason: `its columns name ${[...groups].join(', ')}` };
  const missing = !name ? 'no name columns' : !anchored && !partisan ? 'no voter id or registration date' : 'too few voter-file columns';
  return { ...base, isVoterFile: false, reason: `${missing}${groups.size ? ` (only ${[...groups].join(', ')})` : ''}` };
}

/**
 * Object keys that name voter registration data. The collection script's PLAN awk program
 * mirrors these two expressions (tests/unit/collect-script-awk.test.ts): change both together.
 */
const KEY_SIGNAL = /(voter|registration|regist|absentee|poll[ _-]?book|vr[ _-]?(extract|export|file|db)|\broll\b)/i;
/** Only data files count: log objects named after a bucket called "absentee-..." are not voter data. */
const DATA_FILE = /\.(csv|tsv|psv|txt|dat|xlsx?|xlsm|ods|zip|7z|gz|bz2|xz|sql|dump|bak|mdb|accdb|sqlite|db|json|xml|parquet)$/i;
export const keyLooksLikeVoterData = (key: string) => KEY_SIGNAL.test(key) && DATA_FILE.test(key);
