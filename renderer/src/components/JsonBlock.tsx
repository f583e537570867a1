/** Evidence as the core stored it, for what no pane shows in words. */
export function Json({ value, label }: { value: unknown; label: string }) {
  // Focusable so a keyboard user can scroll a wide statement.
  return (
    <pre className="cv-json" tabIndex={0} title={label}>
      <code>{JSON.stringify(value, null, 2)}</code>
    </pre>
  );
}
