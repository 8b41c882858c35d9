import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, github };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
export type { Formatter, Report, FileReport, ReportProblem, Counts } from './types.js';
