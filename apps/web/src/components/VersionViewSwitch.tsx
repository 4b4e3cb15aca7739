import { useId } from 'react';

export type VersionView = 'previous' | 'current' | 'full';

const VIEWS: ReadonlyArray<{ view: VersionView; label: string; caption: string }> = [
  { view: 'previous', label: 'Changes', caption: 'Changes since the previous version' },
  {
    view: 'current',
    label: 'Compared with now',
    caption: 'Compared with now: what the document has now that this version had not, in green',
  },
  { view: 'full', label: 'Full text', caption: 'This version as it was' },
];

/**
 * How the preview shows a version: its changes, against the document now, or whole. Native
 * radios (arrow keys move the choice), drawn as a segmented control.
 */
export function VersionViewSwitch({ value, onChange }: { value: VersionView; onChange: (view: VersionView) => void }) {
  const name = useId();
  const caption = VIEWS.find((option) => option.view === value)?.caption;
  return (
    <>
      <fieldset className="version-views">
        <legend className="visually-hidden">Show</legend>
        {VIEWS.map((option) => (
          <label key={option.view} className="version-views__option" title={option.caption}>
            <input
              type="radio"
              className="visually-hidden"
              name={name}
              value={option.view}
              checked={value === option.view}
              onChange={() => onChange(option.view)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <p className="version-views__caption" data-testid="version-view-caption">
        {caption}
      </p>
    </>
  );
}
