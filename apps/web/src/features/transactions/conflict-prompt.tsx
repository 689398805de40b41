/** Shown when a save lost a race: the row changed elsewhere since the form was opened. */
export function ConflictPrompt({
  onReload,
  onOverwrite,
  busy,
}: {
  onReload: () => void;
  onOverwrite: () => void;
  busy: boolean;
}) {
  return (
    <div
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-text"
      className="conflict"
    >
      <h3 id="conflict-title">Changed elsewhere</h3>
      <p id="conflict-text">
        This transaction was changed somewhere else after you opened it. Reload it to see the latest
        version, or overwrite it with your changes.
      </p>
      <div className="actions">
        <button type="button" onClick={onReload} disabled={busy} autoFocus>
          Reload latest
        </button>
        <button type="button" className="danger" onClick={onOverwrite} disabled={busy}>
          Overwrite with mine
        </button>
      </div>
    </div>
  );
}
