/**
 * A first voter-file classifier over column names (issue 6 replaces the column lists with
 * per-state layouts kept as data). A table is a voter extract when its header names a
 * voter or registration id, or a registration date, together with enough other voter-file
 * columns; staff and polling-place lists have names and addresses but none of those.
 */
const CATEGORIES: Record<string, RegExp> = {
  // COUNTY_ID and STATE_ID alone are jurisdiction codes (North Carolina's layout), not voter ids.
  voterId: /^(voter|registrant|registration|reg|sos)[ _-]?(id|no|num|number|key)$|^(state|county|sos)[ _-]?(voter|registrant|registration|reg)[ _-]?(id|no|num|number)$|^(vuid|ncid|vrid|voterid|regnum|voter_reg_num)$/,
  name: /^(last|first|middle|given|sur|full)[ _-]?name$|^(lname|fname|mname|name_last|name_first|suffix|name_suffix)$/,
  address: /^(res|residence|residential|mail|mailing|street|house)[ _-]?(address|addr|street|city|zip|zipcode|state|number|num|name)?\d?$|^(address|city|zip|zip_code|zipcode)$/,
  birth: /^(date[ _-]?of[ _-]?birth|dob|birth[ _-]?(date|year)|yob|birthdate|birthyear|age)$/,
  registration: /^(registration|reg|registered)[ _-]?(date|dt)$|^(date[ _-]?registered|regdate)$/,
  party: /^(party|party[ _-]?(code|affiliation|cd)|political[ _-]?party)$/,
  district: /^(precinct|precinct[ _-]?(code|name|id|split)|ward|district|congressional[ _-]?district|cd|sd|hd|ballot[ _-]?style)$/,
  status: /^(voter[ _-]?status|status|status[ _-]?(code|reason)|voter[ _-]?status[ _-]?reason)$/,
  history: /^(election[ _-]?history|voting[ _-]?history|voted|vote[ _-]?history|(general|primary)[ _-]?\d{2,4}|e\d{2,4}|election[ _-]?\d+)$/,
};

export interface VoterColumnsVerdict {
  isVoterFile: boolean;
  matched: Record<string, string[]>;
  score: number;
}

const norm = (c: string) => c.trim().toLowerCase().replace(/["']/g, '').replace(/\s+/g, '_');

export function classifyHeader(header: string[]): VoterColumnsVerdict {
  const matched: Record<string, string[]> = {};
  for (const col of header) {
    const n = norm(col);
    for (const [cat, re] of Object.entries(CATEGORIES)) {
      if (re.test(n)) (matched[cat] ??= []).push(col);
    }
  }
  const score = Object.keys(matched).length;
  const anchored = !!matched.voterId || !!matched.registration || (!!matched.party && !!matched.district);
  return { isVoterFile: anchored && !!matched.name && score >= 4, matched, score };
}

/** Object keys that name voter registration data. */
const KEY_SIGNAL = /(voter|registration|regist|absentee|poll[ _-]?book|vr[ _-]?(extract|export|file|db)|\broll\b)/i;
/** Only data files count: log objects named after a bucket called "absentee-..." are not voter data. */
const DATA_FILE = /\.(csv|tsv|psv|txt|dat|xlsx?|xlsm|ods|zip|7z|gz|bz2|xz|sql|dump|bak|mdb|accdb|sqlite|db|json|xml|parquet)$/i;
export const keyLooksLikeVoterData = (key: string) => KEY_SIGNAL.test(key) && DATA_FILE.test(key);
