// UI smoke test in the real workbench, driven like a user would: open a manifest from the
// Explorer, wait for the squiggle, find the finding in the Problems panel, hover the squiggle and
// read the hover with its source citation. Screenshots go to `outDir` (test-results/vscode).
import fs from 'node:fs';
import path from 'node:path';

const FOLDER = 'broken';
const FILE = 'storageclass.yaml';
const RULE = 'sc-invalid-fstype';

/**
 * @param {{ context: import('playwright-core').BrowserContext, baseUrl: string, folder: string, outDir: string, log: (...a: unknown[]) => void }} options
 */
export async function runUiSmoke({ context, baseUrl, folder, outDir, log }) {
  fs.mkdirSync(outDir, { recursive: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  try {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench');

    // Explorer: expand the folder, open the file.
    const rows = page.locator('.explorer-folders-view .monaco-list-row');
    await rows.filter({ hasText: FOLDER }).first().click();
    await rows.filter({ hasText: FILE }).first().dblclick();
    await page.waitForSelector(`.tabs-container .tab[aria-label*="${FILE}"]`);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor();

    // The language server's error squiggle.
    const squiggle = editor.locator('.view-overlays .squiggly-error').first();
    await squiggle.waitFor();
    log('UI: squiggle shown');

    // Problems panel row with the rule id.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: RULE }).first();
    await problem.waitFor();
    log(`UI: problems panel: ${(await problem.innerText()).replace(/\s+/g, ' ')}`);
    await page.screenshot({ path: path.join(outDir, 'screenshot-problems.png') });

    // Hover over the squiggle: the diagnostic plus the server's explanation with its citation.
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('the squiggle has no bounding box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'Source' }).first();
    await hover.waitFor({ state: 'visible' });
    log(`UI: hover: ${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
    await page.waitForTimeout(300); // let the hover finish rendering before the screenshot
    const shot = path.join(outDir, 'screenshot-hover.png');
    await page.screenshot({ path: shot });
    log(`UI: screenshot ${path.relative(process.cwd(), shot)}`);
  } catch (error) {
    await page.screenshot({ path: path.join(outDir, 'ui-smoke-failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await page.close().catch(() => undefined);
  }
}
