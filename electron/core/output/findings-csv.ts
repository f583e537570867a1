import type { Finding } from '../checks/types';

const COLUMNS = ['checkId', 'status', 'severity', 'resourceType', 'resourceName', 'resourceId', 'title', 'detail', 'references'];

/** Quotes a field, and neutralizes spreadsheet formulas (a bucket name can start with "="). */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function findingsCsv(findings: Finding[]): string {
  const rows = findings.map((f) =>
    [f.checkId, f.status, f.severity, f.resource.type, f.resource.name, f.resource.id, f.title, f.detail, f.references.join('; ')].map(cell).join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
