// Diagnoses a storage request that Kubernetes would refuse (or that means something absurd) and
// works out the correction when it is unambiguous.
//
// Unambiguous, so offered as a safe fix: the number and the unit are both clear and only the
// spelling is off — a space between them ("20 Gi"), the case of a binary unit ("5gi", "5GI"), a
// trailing byte letter after a binary unit ("100GiB"). Ambiguous, so only suggestions: a unit
// that could be decimal or binary ("10GB", "5g", "5K" — 10^9 or 2^30?). No correction for the rest.
import { parseQuantity } from '../../util/quantity.js';

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`;
const WITH_SPACE = new RegExp(`^(${NUMBER})\\s+(\\S+)$`);
const BINARY_MISSPELT = new RegExp(`^(${NUMBER})([kmgtpe])i(b)?$`, 'i');
const DECIMAL_WITH_BYTE = new RegExp(`^(${NUMBER})([kmgtpe])b$`, 'i');
const WRONG_CASE_LETTER = new RegExp(`^(${NUMBER})([Kgtp])$`);

export interface StorageDiagnosis {
  problem: string;
  fix?: string;
  suggestions: string[];
}

const upper = (letter: string) => letter.toUpperCase();
const decimal = (letter: string) => (letter.toLowerCase() === 'k' ? 'k' : letter.toUpperCase());

function correct(text: string): Omit<StorageDiagnosis, 'problem'> & { reason: string } | undefined {
  const spaced = WITH_SPACE.exec(text);
  if (spaced) {
    const joined = `${spaced[1]}${spaced[2]}`;
    if (parseQuantity(joined)) return { reason: 'no space is allowed between the number and the unit', fix: joined, suggestions: [] };
    const inner = correct(joined);
    return inner && { ...inner, reason: `no space is allowed between the number and the unit, and ${inner.reason}` };
  }
  const binary = BINARY_MISSPELT.exec(text);
  if (binary) {
    const unit = `${upper(binary[2]!)}i`;
    return {
      reason: binary[3] ? `the binary unit is ${unit}, without a trailing B` : `binary units are spelt Ki, Mi, Gi, Ti, Pi, Ei`,
      fix: `${binary[1]}${unit}`,
      suggestions: [],
    };
  }
  const withByte = DECIMAL_WITH_BYTE.exec(text) ?? WRONG_CASE_LETTER.exec(text);
  if (withByte) {
    const letter = withByte[2]!;
    const written = text.slice(withByte[1]!.length);
    return {
      reason: `"${written}" is not a unit; ${upper(letter)}i means 2^${10 * ('kmgtpe'.indexOf(letter.toLowerCase()) + 1)} bytes, ${decimal(letter)} means 10^${3 * ('kmgtpe'.indexOf(letter.toLowerCase()) + 1)}`,
      suggestions: [`${withByte[1]}${upper(letter)}i`, `${withByte[1]}${decimal(letter)}`],
    };
  }
  return undefined;
}

/** Undefined when the request is a valid, positive, whole-byte-or-larger quantity. */
export function diagnoseStorage(raw: string): StorageDiagnosis | undefined {
  const text = raw.trim();
  if (text === '') return { problem: 'is empty, so Kubernetes refuses the claim', suggestions: [] };
  const quantity = parseQuantity(text);
  if (quantity) {
    if (quantity.bytes === 0) return { problem: 'is zero; Kubernetes requires a storage request greater than zero', suggestions: [] };
    if (quantity.bytes < 0) return { problem: 'is negative; Kubernetes requires a storage request greater than zero', suggestions: [] };
    if (quantity.suffix === 'm' || quantity.suffix === 'u' || quantity.suffix === 'n') {
      const number = text.slice(0, -1);
      return {
        problem: `means ${quantity.bytes} bytes ("${quantity.suffix}" is a fraction, not mega); Kubernetes accepts it and the driver makes a 1 MiB disk`,
        suggestions: quantity.suffix === 'm' ? [`${number}Mi`, `${number}M`] : [],
      };
    }
    return undefined;
  }
  const correction = correct(text);
  if (!correction) return { problem: 'is not a valid Kubernetes quantity (a number followed by Ki, Mi, Gi, Ti, Pi, Ei or k, M, G, T, P, E), so Kubernetes refuses the claim', suggestions: [] };
  return {
    problem: `is not a valid Kubernetes quantity (${correction.reason}), so Kubernetes refuses the claim`,
    ...(correction.fix ? { fix: correction.fix } : {}),
    suggestions: correction.suggestions,
  };
}
