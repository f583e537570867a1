import { useState } from 'react';

export interface ResourceItem {
  key: string;
  label: string;
}

/** Buckets or files named in the summary, each a button that shows its finding; past `limit`, the rest behind "and N more". */
export function ResourceButtons({ items, onShow, limit }: { items: ResourceItem[]; onShow: (key: string) => void; limit?: number }) {
  const [expanded, setExpanded] = useState(false);
  const shown = limit && !expanded && items.length > limit + 1 ? items.slice(0, limit) : items;
  return (
    <ul className="cv-bucket-list">
      {shown.map((b) => (
        <li key={b.key}>
          <button type="button" className="usa-button usa-button--unstyled cv-bucket-link" onClick={() => onShow(b.key)}>
            {b.label}
          </button>
        </li>
      ))}
      {shown.length < items.length && (
        <li>
          <button type="button" className="usa-button usa-button--unstyled cv-more" onClick={() => setExpanded(true)}>
            and {items.length - shown.length} more…
          </button>
        </li>
      )}
    </ul>
  );
}
