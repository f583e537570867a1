import { asStrings } from '../../exposure/policy';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

/** "*" alone, or a scheme with "*" for the whole host ("https://*"), lets every web site in. */
const anyOrigin = (origin: string) => /^([a-z][a-z0-9+.-]*:\/\/)?\*$/i.test(origin.trim());

export const bucketCorsWildcard = bucketCheck(
  {
    id: 's3.bucket.cors-wildcard',
    title: 'Any web site may read the bucket from a browser',
    severity: 'low',
    category: 'protection',
    whatItMeans:
      'The bucket\'s cross-origin (CORS) rules let scripts on any web site in the world fetch its files through a visitor\'s browser.',
    whyItMatters:
      'CORS should name only the county\'s own sites. A rule open to every origin lets a look-alike or malicious page pull files with a visiting staff member\'s access.',
    references: ['NIST SP 800-53 AC-4', 'NIST SP 800-53 SC-7'],
  },
  (bucket) => {
    const o = bucket.cors;
    if (o.kind === 'none') return { status: 'pass', detail: `Bucket ${bucket.name} has no CORS configuration, so browsers on other sites cannot read it.` };
    if (o.kind !== 'value') return unknownFrom(`which web sites may read bucket ${bucket.name}`, o);
    const open = o.value.filter((r) => asStrings(r.AllowedOrigins).some(anyOrigin));
    if (open.length) {
      const methods = [...new Set(open.flatMap((r) => asStrings(r.AllowedMethods)))].join(', ');
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name}'s CORS rules allow any origin ("*") for ${methods || 'its methods'}.`,
        evidence: { rules: open },
      };
    }
    const origins = [...new Set(o.value.flatMap((r) => asStrings(r.AllowedOrigins)))].join(', ');
    return { status: 'pass', detail: `Bucket ${bucket.name}'s CORS rules allow only ${origins || 'no origin'}.`, evidence: { rules: o.value } };
  },
);
