// Kubernetes resource.Quantity grammar (k8s.io/apimachinery/pkg/api/resource):
//   <quantity> ::= <signedNumber><suffix>; suffix = binarySI | decimalSI | decimalExponent.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export interface Quantity {
  bytes: number;
  /** 'binary' for Ki..Ei, 'decimal' for k..E and exponents, 'none' for a bare number. */
  unit: 'binary' | 'decimal' | 'none';
  suffix: string;
}

export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, digits, suffix = ''] = match;
  let multiplier: number;
  let unit: Quantity['unit'];
  if (suffix in BINARY) {
    multiplier = BINARY[suffix]!;
    unit = 'binary';
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    multiplier = 10 ** Number(suffix.slice(1));
    unit = 'decimal';
  } else {
    multiplier = DECIMAL[suffix]!;
    unit = suffix === '' ? 'none' : 'decimal';
  }
  const bytes = Number(digits) * multiplier * (sign === '-' ? -1 : 1);
  return { bytes, unit, suffix };
}

const MiB = 2 ** 20;

/** The binary-unit quantity the driver ends up with: the size rounded up to whole MiB. */
export function toBinaryQuantity(bytes: number): string {
  const mib = Math.ceil(bytes / MiB);
  if (mib % (1024 * 1024) === 0) return `${mib / (1024 * 1024)}Ti`;
  if (mib % 1024 === 0) return `${mib / 1024}Gi`;
  return `${mib}Mi`;
}
