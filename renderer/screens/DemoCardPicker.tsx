import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call } from '../api';
import { maskId } from '../format';
import { SelectField } from '../ui/controls';
import { useOp } from '../ui/use-op';

type SimulatorView = OpOutput<'card.simulator'>;

/** Demo mode only (the embedded reader simulator): which demo card is in the reader. Picking one inserts it; F2 then reads it. */
export function DemoCardPicker() {
  const [view, setView] = useState<SimulatorView | null>(null);
  const insert = useOp('card.simulatorInsert');
  useEffect(() => {
    void call('card.simulator', {}).then((r) => r.ok && setView(r.value));
  }, []);
  if (!view?.active) return null;
  const choose = async (key: string) => {
    const next = await insert.run({ card: key });
    if (next) setView(next);
  };
  return (
    <div className="demo-card-picker">
      <SelectField
        label="演示读卡器中的卡（演示模式）"
        value={view.inserted ?? 'none'}
        onChange={(key) => void choose(key)}
        disabled={insert.busy}
        options={[{ value: 'none', label: '（无卡）' }, ...view.cards.map((c) => ({ value: c.key, label: `${c.name} ${maskId(c.certno)}` }))]}
      />
    </div>
  );
}
