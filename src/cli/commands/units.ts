/** `hcpcs units <code> --dose "250 mg"`: the dose in the code's billing units. */
import { billingUnits } from '../../payment/units.js';
import { printJson, usageError, withStore } from '../context.js';

export async function unitsCommand(
  code: string,
  options: { dose?: string; date?: string; json?: boolean },
): Promise<void> {
  if (!options.dose) throw usageError('--dose is required: the dose given, e.g. --dose "250 mg"');
  const dose = options.dose;
  const answer = await withStore((store) => billingUnits(store, code, dose, options.date));
  if (options.json) {
    printJson(answer);
    return;
  }
  process.stdout.write(
    `${answer.code}: ${answer.dose} = ${answer.units} units of ${answer.dosage}${answer.billingUnits !== answer.units ? ` (bill ${answer.billingUnits})` : ''}\n  billing unit from ${answer.source}\n`,
  );
}
