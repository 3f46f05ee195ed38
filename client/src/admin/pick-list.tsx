/**
 * A compact multi-select of ids as checkboxes (group members, a step's groups or recipients).
 */

/** Props of {@link PickList}. */
export interface PickListProps {
  label: string
  options: readonly { id: string; name: string }[]
  value: readonly string[]
  onChange: (ids: string[]) => void
}

/** The checkboxes in a fieldset. */
export function PickList({ label, options, value, onChange }: PickListProps) {
  return (
    <fieldset className="inline-fieldset pick-list">
      <legend>{label}</legend>
      {options.length === 0 && <span className="muted small">—</span>}
      {options.map((o) => (
        <label key={o.id} className="check" title={o.id}>
          <input
            type="checkbox"
            checked={value.includes(o.id)}
            onChange={() => onChange(value.includes(o.id) ? value.filter((x) => x !== o.id) : [...value, o.id])}
          />
          {o.name}
        </label>
      ))}
    </fieldset>
  )
}
