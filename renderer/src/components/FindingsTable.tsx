import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { Finding, Severity, Status } from '../api';
import { SEVERITIES, SEVERITY_LABEL, SEVERITY_ORDER, STATUS_LABEL, STATUS_ORDER, plural } from '../format';
import { SeverityTag, StatusTag } from './Tags';
import { FilterSearch, FilterSelect } from './Filters';
import { NoMatchRow } from './ScreenStates';

export type StatusFilter = 'problems' | Status | 'all';
export type SortKey = 'severity' | 'status' | 'title' | 'resource' | 'detail';
export interface Filters {
  status: StatusFilter;
  severity: Severity | 'all';
  q: string;
}
export interface Sort {
  key: SortKey;
  dir: 'ascending' | 'descending';
}
export const DEFAULT_FILTERS: Filters = { status: 'problems', severity: 'all', q: '' };

const STATUS_OPTIONS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'problems', label: 'Problems and could not check' },
  { value: 'fail', label: 'Problems only' },
  { value: 'unknown', label: 'Could not check only' },
  { value: 'pass', label: 'OK only' },
  { value: 'not_applicable', label: 'Does not apply only' },
  { value: 'all', label: 'All findings, including OK' },
];

const COLUMNS: Array<{ key: SortKey; label: string; className?: string }> = [
  { key: 'severity', label: 'Severity', className: 'cv-col-severity' },
  { key: 'status', label: 'Status', className: 'cv-col-status' },
  { key: 'title', label: 'Check', className: 'cv-col-title' },
  { key: 'resource', label: 'Resource', className: 'cv-col-resource' },
  { key: 'detail', label: 'Detail', className: 'cv-col-detail' },
];

export function matchesStatus(f: Finding, s: StatusFilter): boolean {
  if (s === 'all') return true;
  if (s === 'problems') return f.status === 'fail' || f.status === 'unknown';
  return f.status === s;
}

const compare: Record<SortKey, (a: Finding, b: Finding) => number> = {
  severity: (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
  title: (a, b) => a.title.localeCompare(b.title),
  resource: (a, b) => a.resource.name.localeCompare(b.resource.name),
  detail: (a, b) => a.detail.localeCompare(b.detail),
};

/** A file is found by its full path too; a bucket's id (its ARN) would make "aws" match every bucket. */
export function visibleFindings(all: Finding[], filters: Filters, sort: Sort | null): Finding[] {
  const q = filters.q.trim().toLowerCase();
  const rows = all
    .map((f, i) => ({ f, i }))
    .filter(
      ({ f }) =>
        matchesStatus(f, filters.status) &&
        (filters.severity === 'all' || f.severity === filters.severity) &&
        (!q || [f.title, f.resource.name, f.detail, f.checkId, STATUS_LABEL[f.status], f.resource.type === 'file' ? f.resource.id : ''].some((t) => t.toLowerCase().includes(q))),
    );
  if (sort) {
    const sign = sort.dir === 'ascending' ? 1 : -1;
    // Ties keep the reading order the core gave (what anyone can reach first).
    rows.sort((a, b) => sign * compare[sort.key](a.f, b.f) || a.i - b.i);
  }
  return rows.map((r) => r.f);
}

interface Props {
  findings: Finding[];
  filters: Filters;
  onFilters: (f: Filters) => void;
  sort: Sort | null;
  onSort: (s: Sort | null) => void;
  selectedSeq: number | null;
  /** how: 'click' when the clerk chose a finding, 'arrow' when moving through the table with the keyboard. */
  onSelect: (f: Finding, how: 'click' | 'arrow') => void;
}

export function FindingsTable({ findings, filters, onFilters, sort, onSort, selectedSeq, onSelect }: Props) {
  const rows = useMemo(() => visibleFindings(findings, filters, sort), [findings, filters, sort]);
  const buttons = useRef(new Map<number, HTMLButtonElement>());

  const toggleSort = (key: SortKey) => {
    if (!sort || sort.key !== key) onSort({ key, dir: 'ascending' });
    else if (sort.dir === 'ascending') onSort({ key, dir: 'descending' });
    else onSort(null);
  };

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = index;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, index + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else return;
    e.preventDefault();
    const f = rows[next];
    onSelect(f, 'arrow');
    buttons.current.get(f.seq)?.focus();
  };

  const filtered = rows.length !== findings.length;

  return (
    <div className="cv-findings-table-wrap">
      <div className="cv-filters" role="search" aria-label="Filter findings">
        <FilterSelect id="filter-status" label="Show" value={filters.status} options={STATUS_OPTIONS} onChange={(status) => onFilters({ ...filters, status })} />
        <FilterSelect
          id="filter-severity"
          label="Severity"
          value={filters.severity}
          options={[{ value: 'all', label: 'All severities' }, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))]}
          onChange={(severity) => onFilters({ ...filters, severity })}
        />
        <FilterSearch id="filter-q" placeholder="Bucket, file or words" value={filters.q} onChange={(q) => onFilters({ ...filters, q })} />
      </div>
      <p className="cv-count" role="status">
        Showing {plural(rows.length, 'finding')}
        {filtered ? ` of ${findings.length}` : ''}.
        {filtered && (
          <>
            {' '}
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => onFilters({ status: 'all', severity: 'all', q: '' })}>
              Show all {findings.length}
            </button>
          </>
        )}
      </p>
      <div className="cv-table-scroll">
        <table className="usa-table usa-table--compact cv-findings-table">
          <caption className="usa-sr-only">
            Findings. Select a column heading to sort. Select a check to see its details; the up and down arrow keys move between findings.
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort?.key === c.key;
                return (
                  <th key={c.key} scope="col" className={c.className} aria-sort={active ? sort.dir : undefined}>
                    <button type="button" className="cv-sort" onClick={() => toggleSort(c.key)}>
                      {c.label}
                      <span aria-hidden="true" className={`cv-sort__icon${active ? ' is-active' : ''}`}>
                        {active ? (sort.dir === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                      <span className="usa-sr-only">
                        {active ? (sort.dir === 'ascending' ? ', sorted ascending' : ', sorted descending') : ', sort'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((f, i) => {
              const selected = f.seq === selectedSeq;
              return (
                <tr key={f.seq} className={selected ? 'is-selected' : undefined} onClick={() => onSelect(f, 'click')} data-seq={f.seq}>
                  <td className="cv-col-severity">
                    <SeverityTag severity={f.severity} muted={f.status === 'pass' || f.status === 'not_applicable'} />
                  </td>
                  <td className="cv-col-status">
                    <StatusTag status={f.status} />
                  </td>
                  <td className="cv-col-title">
                    <button
                      type="button"
                      className="cv-row-select"
                      ref={(el) => {
                        if (el) buttons.current.set(f.seq, el);
                        else buttons.current.delete(f.seq);
                      }}
                      aria-current={selected ? 'true' : undefined}
                      aria-describedby={`resource-${f.seq}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(f, 'click');
                      }}
                      onKeyDown={(e) => onRowKey(e, i)}
                    >
                      {f.title}
                    </button>
                  </td>
                  <td className="cv-col-resource">
                    <span id={`resource-${f.seq}`} className="cv-resource">
                      {f.resource.name}
                    </span>
                  </td>
                  <td className="cv-col-detail">
                    <span className="cv-clamp">{f.detail}</span>
                  </td>
                </tr>
              );
            })}
            {rows.length === 0 && <NoMatchRow columns={COLUMNS.length} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
