// UI test of "vSphere CSI: Pull Inventory from vCenter" in the real workbench, against the vCenter
// simulator that run-tests.mjs starts, driven like a user would, in three pulls:
//
//   1. command palette (F1) → the command → type the server (host:port), the user and the password
//      into the input boxes → certificate dialog (the simulator's CA is not trusted) → "Connect
//      Without Verifying" → summary notification → its "Open" shows .vsphere-csi.yaml, which lists
//      the seeded policies (checked in the editor's text and on disk);
//   2. again: server and user are offered as last time and confirmed, the password is not asked
//      (it comes from SecretStorage), the dialog comes again → "Set CA File…" → in the Settings
//      editor, which must open on the Remote settings (code-server is a remote window: the
//      setting is listed, and applies, only there), type the simulator's CA file into
//      vsphereCsi.inventory.caFile;
//   3. again: server and user confirmed; neither the password box nor the dialog appears (a
//      MutationObserver would see them even for a moment); the notification says "up to date".
//
// The password must never be visible: its box must be a password input, and before every
// screenshot the page's text, labels and non-password fields are searched for it (run-tests.mjs
// searches the output and logs). Screenshots: `outDir`/screenshot-inventory-*.png.
import fs from 'node:fs';
import path from 'node:path';

const COMMAND = 'vSphere CSI: Pull Inventory from vCenter';
const CONFIG = '.vsphere-csi.yaml';
const CA_SETTING = 'vsphereCsi.inventory.caFile';
const SHOTS = ['server', 'password', 'certificate', 'notification', 'editor', 'settings', 'last-notification'].map((s) => `screenshot-inventory-${s}.png`);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneLine = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * @param {{
 *   context: import('playwright-core').BrowserContext, baseUrl: string, folder: string, outDir: string,
 *   userSettings: string, machineSettings: string, log: (...a: unknown[]) => void,
 *   vcenter: { server: string, user: string, password: string, caFile: string, storagePolicies: string[] },
 * }} options
 */
export async function runUiInventory({ context, baseUrl, folder, outDir, userSettings, machineSettings, log, vcenter }) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const shot of [...SHOTS, 'ui-inventory-failure.png']) fs.rmSync(path.join(outDir, shot), { force: true });
  const configFile = path.join(folder, CONFIG);
  const before = fs.readFileSync(configFile, 'utf8');
  for (const policy of vcenter.storagePolicies) if (before.includes(policy)) throw new Error(`the fixture's ${CONFIG} already lists ${policy}`);

  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const secrets = [vcenter.password, Buffer.from(`${vcenter.user}:${vcenter.password}`).toString('base64')];

  /** Fails when the password is anywhere in the page's text or in a field that is not a password box. */
  async function assertPasswordHidden(step) {
    const shown = await page.evaluate(() => {
      const fields = [...document.querySelectorAll('input, textarea')].filter((e) => e.type !== 'password').map((e) => e.value);
      const labels = [...document.querySelectorAll('[aria-label], [title]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`);
      return [document.body.innerText, ...fields, ...labels].join('\n');
    });
    if (secrets.some((s) => shown.includes(s))) throw new Error(`${step}: the password is visible on the page`);
  }
  async function screenshot(name, step) {
    await assertPasswordHidden(step);
    await page.screenshot({ path: path.join(outDir, `screenshot-inventory-${name}.png`) });
  }

  // The quick input's text box: its accessible name is "<placeholder> - <title>" (or the title
  // alone), its description (aria-describedby) the prompt.
  const inputBox = page.getByRole('textbox', { name: new RegExp(`${escape(COMMAND)}$`) });
  const promptOf = async () => inputBox.evaluate((e) => document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent ?? '');

  /** Waits until the command's input box shows `prompt` and has the focus. */
  async function waitForPrompt(prompt) {
    await inputBox.waitFor({ state: 'visible' });
    await page.waitForFunction(
      ({ label, source }) => {
        const box = [...document.querySelectorAll('input[role="textbox"]')].find((e) => e.getAttribute('aria-label')?.endsWith(label) && e.offsetParent !== null);
        const text = box && document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent;
        return !!text && new RegExp(source).test(text) && document.activeElement === box;
      },
      { label: COMMAND, source: prompt.source },
    );
    return inputBox;
  }

  /** Replaces the input box's value by typing `text`, checks what arrived, optionally screenshots it, and presses Enter. */
  async function answer(box, text, { secret = false, shot } = {}) {
    await box.press('Control+a');
    await box.press('Backspace');
    await box.pressSequentially(text, { delay: 5 });
    const value = await box.inputValue();
    if (value !== text) throw new Error(secret ? 'the password box did not receive the password as typed' : `the input box holds ${JSON.stringify(value)}, typed ${JSON.stringify(text)}`);
    if (shot) await screenshot(shot, `input box (${shot})`);
    await box.press('Enter');
  }

  /**
   * F1, then the command by its title. Right after the page loads, the palette may not list it yet
   * (the remote extension host is still registering the extension's contributions): then close the
   * palette and open it again.
   */
  async function runCommand() {
    const palette = page.getByRole('textbox', { name: 'Type the name of a command to run.' });
    const entry = page.getByRole('option', { name: new RegExp(`^${escape(COMMAND)}`) }).first();
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      await palette.waitFor({ state: 'visible' });
      await palette.pressSequentially(COMMAND, { delay: 5 });
      try {
        await entry.waitFor({ state: 'visible', timeout: 3_000 });
        break;
      } catch (error) {
        if (attempt === 20) throw error;
        await page.keyboard.press('Escape');
        await palette.waitFor({ state: 'hidden' });
      }
    }
    await entry.click();
  }

  // A MutationObserver records whether a password box or a modal dialog shows up at all during a
  // pull (not even for a moment).
  async function watchForPrompts() {
    await page.evaluate(() => {
      const seen = (window.__inventoryUiSeen = { password: false, dialog: false });
      const check = () => {
        // The widget is hidden, not removed, between prompts: only a visible password box counts.
        if ([...document.querySelectorAll('.quick-input-widget input[type="password"]')].some((e) => e.offsetParent !== null)) seen.password = true;
        if (document.querySelector('.monaco-dialog-box')) seen.dialog = true;
      };
      window.__inventoryUiObserver?.disconnect();
      window.__inventoryUiObserver = new MutationObserver(check);
      window.__inventoryUiObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['type', 'style', 'class'] });
      check();
    });
  }

  /** Confirms the server and user the input boxes offer: those of the last pull. */
  async function confirmServerAndUser() {
    const serverBox = await waitForPrompt(/^vCenter server/);
    if ((await serverBox.inputValue()) !== vcenter.server) throw new Error(`the server box offers ${JSON.stringify(await serverBox.inputValue())}, not the server used last`);
    await serverBox.press('Enter');
    const userBox = await waitForPrompt(new RegExp(`^User name on ${escape(vcenter.server)}`));
    if ((await userBox.inputValue()) !== vcenter.user) throw new Error(`the user box offers ${JSON.stringify(await userBox.inputValue())}, not the user of last time`);
    await userBox.press('Enter');
  }

  const notification = (text) => page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  const host = vcenter.server;

  try {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench');
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();

    // 1. First pull: every prompt, and the certificate dialog.
    await runCommand();
    await answer(await waitForPrompt(/^vCenter server/), host, { shot: 'server' });
    await answer(await waitForPrompt(new RegExp(`^User name on ${escape(host)}`)), vcenter.user);

    // The password box, unless SecretStorage already has a password (then the dialog comes next).
    const passwordPrompt = new RegExp(`^Password of ${escape(vcenter.user)} on ${escape(host)}`);
    const dialog = page.getByRole('dialog', { name: /Connect without verifying the certificate of vCenter\?/ });
    await inputBox.or(dialog).first().waitFor({ state: 'visible' });
    if (!(await inputBox.isVisible())) throw new Error('the password was not asked for on the first pull (was one already in the secret storage?)');
    const passwordBox = await waitForPrompt(passwordPrompt);
    if ((await passwordBox.getAttribute('type')) !== 'password') throw new Error('the password input box is not a password field');
    await answer(passwordBox, vcenter.password, { secret: true, shot: 'password' });
    log('UI inventory: typed server, user and password into the input boxes');

    await dialog.waitFor({ state: 'visible' });
    const dialogText = oneLine(await dialog.innerText());
    if (!/not trusted/.test(dialogText) || !dialogText.includes(CA_SETTING)) throw new Error(`the certificate dialog does not say why or how to fix it: ${dialogText}`);
    for (const button of ['Connect Without Verifying', 'Set CA File…']) await dialog.getByRole('button', { name: button, exact: true }).waitFor();
    // Enter must not skip verification: the dialog's default (focused) button is the safe one.
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused !== 'Set CA File…') throw new Error(`the certificate dialog's default button is "${focused}", not "Set CA File…"`);
    log(`UI inventory: certificate dialog: ${dialogText.slice(0, 200)}`);
    await screenshot('certificate', 'certificate dialog');
    await dialog.getByRole('button', { name: 'Connect Without Verifying', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const summary = notification(`${CONFIG} updated from ${host}:`);
    await summary.waitFor({ state: 'visible' });
    const summaryText = oneLine(await summary.locator('.notification-list-item-message').innerText());
    log(`UI inventory: notification: ${summaryText}`);
    if (!/storage polic(y|ies) added/.test(summaryText)) throw new Error(`the summary does not count the added policies: ${summaryText}`);
    await page.waitForTimeout(200); // let the toast finish its entrance animation before the screenshot
    await screenshot('notification', 'summary notification');

    const pulled = fs.readFileSync(configFile, 'utf8');
    for (const policy of vcenter.storagePolicies) if (!pulled.includes(policy)) throw new Error(`${policy} is not in ${CONFIG}:\n${pulled}`);
    if (secrets.some((s) => pulled.includes(s))) throw new Error(`the password was written to ${CONFIG}`);

    // "Open" shows the file; its text as the editor renders it.
    await summary.getByRole('button', { name: 'Open', exact: true }).click();
    const tab = page.getByRole('tab', { name: new RegExp(`^${escape(CONFIG)}`) });
    await tab.waitFor({ state: 'visible' });
    const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await page.waitForFunction(
      (names) => {
        const text = document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ') ?? '';
        return names.every((n) => text.includes(n));
      },
      vcenter.storagePolicies,
    );
    log(`UI inventory: ${CONFIG} in the editor: ${oneLine((await lines.innerText()).replace(/\u00a0/g, ' ')).slice(0, 300)}`);
    await screenshot('editor', 'editor');

    // 2. Second pull: server and user offered, no password box; the dialog again → "Set CA File…".
    await watchForPrompts();
    await runCommand();
    await confirmServerAndUser();
    await dialog.waitFor({ state: 'visible' });
    if ((await page.evaluate(() => window.__inventoryUiSeen)).password) throw new Error('the second pull asked for the password again (it should come from the secret storage)');
    await dialog.getByRole('button', { name: 'Set CA File…', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The Settings editor opens on the setting. code-server is a remote window, where this
    // machine-overridable setting is listed, and applies, only in the Remote settings: the command
    // must open those, not the User settings ("No Settings Found" there).
    const settingsEditor = page.locator('.settings-editor');
    await settingsEditor.waitFor({ state: 'visible' });
    const caInput = settingsEditor.getByRole('textbox', { name: CA_SETTING, exact: true });
    const remoteTab = settingsEditor.getByRole('tab', { name: /^Remote/ });
    // Whichever shows first: the setting's input, or the "No Settings Found" message (always in the DOM, hidden).
    const noResults = settingsEditor.getByText('No Settings Found');
    for (const deadline = Date.now() + 60_000; !(await caInput.isVisible()) && !(await noResults.isVisible()); await page.waitForTimeout(100)) {
      if (Date.now() > deadline) throw new Error(`the Settings editor showed neither ${CA_SETTING} nor "No Settings Found"`);
    }
    if (!(await caInput.isVisible())) {
      const tab = await settingsEditor.getByRole('tab', { selected: true }).innerText().catch(() => '?');
      throw new Error(`"Set CA File…" opened the ${tab} settings, which do not list ${CA_SETTING} in a remote window`);
    }
    const target = (await remoteTab.getAttribute('aria-selected')) === 'true' ? machineSettings : userSettings;
    await caInput.click();
    await caInput.pressSequentially(vcenter.caFile, { delay: 2 });
    // Written to settings.json and read back by the workbench (the row is marked configured), which
    // also tells the extension host before any later command.
    await settingsEditor.locator(`.setting-item-contents.is-configured[data-key="${CA_SETTING}"]`).waitFor({ state: 'visible' });
    const written = () => {
      try {
        return JSON.parse(fs.readFileSync(target, 'utf8'))[CA_SETTING];
      } catch {
        return undefined; // not written yet
      }
    };
    for (const deadline = Date.now() + 30_000; written() !== vcenter.caFile; await page.waitForTimeout(100)) {
      if (Date.now() > deadline) throw new Error(`${CA_SETTING} did not reach ${target}`);
    }
    log(`UI inventory: set ${CA_SETTING} in the Settings editor (${path.basename(path.dirname(target))}/settings.json)`);
    await screenshot('settings', 'Settings editor');
    await tab.click(); // back to .vsphere-csi.yaml

    // 3. Third pull: confirm server and user; neither the password box nor the certificate dialog.
    await watchForPrompts();
    await runCommand();
    await confirmServerAndUser();
    const upToDate = notification(`${CONFIG} is up to date with ${host}.`);
    await upToDate.or(inputBox).or(dialog).first().waitFor({ state: 'visible' });
    const seen = await page.evaluate(() => window.__inventoryUiSeen);
    if (seen.password || (await inputBox.isVisible())) throw new Error('the third pull asked for the password (it should come from the secret storage)');
    if (seen.dialog || (await dialog.isVisible())) throw new Error(`the third pull showed the certificate dialog although ${CA_SETTING} is set`);
    log(`UI inventory: third pull: ${oneLine(await upToDate.locator('.notification-list-item-message').innerText())}`);
    await page.waitForTimeout(200); // toast animation
    await screenshot('last-notification', 'last notification');
    if (fs.readFileSync(configFile, 'utf8') !== pulled) throw new Error(`the last pull changed ${CONFIG}`);
    log(`UI inventory: screenshots ${SHOTS.map((s) => path.relative(process.cwd(), path.join(outDir, s))).join(', ')}`);
  } catch (error) {
    // Only when the password is not shown (a failure can leave the page in any state).
    if (await assertPasswordHidden('failure').then(() => true, () => false)) {
      await page.screenshot({ path: path.join(outDir, 'ui-inventory-failure.png') }).catch(() => undefined);
    }
    throw error;
  } finally {
    await page.close().catch(() => undefined);
  }
}
