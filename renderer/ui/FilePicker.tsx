import { Field } from './controls';

/**
 * A labelled file input that hands the chosen file to `onFile` and resets itself, so the same file
 * can be chosen again after a correction (roster, catalogue imports).
 */
export function FilePicker(props: { label: string; accept: string; disabled?: boolean; onFile: (file: File) => void }) {
  return (
    <Field label={props.label}>
      {(id) => (
        <input
          id={id}
          type="file"
          accept={props.accept}
          disabled={props.disabled}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) props.onFile(file);
          }}
        />
      )}
    </Field>
  );
}
