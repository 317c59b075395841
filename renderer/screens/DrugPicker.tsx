import { CLASS_LABELS } from '../labels';
import { useHotkeys } from '../ui/hotkeys';
import type { CatalogueDrug } from './drug-catalogue';

/** Several drugs match the pinyin initials: pick one with its number key (1–9) or a click. */
export function DrugPicker(props: { drugs: readonly CatalogueDrug[]; onPick: (drug: CatalogueDrug) => void; onCancel: () => void }) {
  useHotkeys({ Escape: props.onCancel });
  return (
    <div className="drug-picker" role="listbox" aria-label="匹配的药品">
      {props.drugs.map((d, i) => (
        <button
          type="button"
          role="option"
          aria-selected={false}
          key={d.code}
          autoFocus={i === 0}
          className="btn btn-secondary drug-option"
          onClick={() => props.onPick(d)}
          onKeyDown={(e) => {
            const n = Number(e.key);
            if (n >= 1 && n <= props.drugs.length) props.onPick(props.drugs[n - 1]!);
          }}
        >
          {i + 1}. {d.name} {d.specification ?? ''} {d.code} {d.class ? CLASS_LABELS[d.class] : ''} ¥{d.price ?? '—'}
          {d.specificDrug ? ' 特药' : ''}
        </button>
      ))}
      <span className="hint">按数字键或点击选择，Esc 取消</span>
    </div>
  );
}
