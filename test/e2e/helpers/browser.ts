import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContextOptions, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../helpers/chromium.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, args: chromiumArgs });
}

interface LoadedDocument {
  url: string;
  checked: boolean;
}

// One person's browser window. Every document it loads must be checked with axe before the
// tab closes, so a test cannot visit a page and forget the accessibility check.
export class Tab {
  private readonly loaded: LoadedDocument[] = [];
  // HTTP status of the last document shown (redirects followed)
  status = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('domcontentloaded', () => this.loaded.push({ url: page.url(), checked: false }));
    page.on('response', (response) => {
      const request = response.request();
      const redirect = response.status() >= 300 && response.status() < 400;
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && !redirect) this.status = response.status();
    });
  }

  // AxeBuilder needs a page from a context of its own (browser.newContext), not browser.newPage.
  static async open(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<Tab> {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    return new Tab(context, await context.newPage(), baseUrl);
  }

  // Go to a path of the app, check the page with axe; returns the HTTP status.
  async visit(path: string): Promise<number> {
    const response = await this.page.goto(path.startsWith('http') ? path : `${this.baseUrl}${path}`);
    assert.ok(response, `no response for ${path}`);
    await this.checkAccessibility();
    return response.status();
  }

  // Activate a button or link that loads a new document, wait for it, check it with axe.
  async activate(target: Locator): Promise<number> {
    const loaded = this.page.waitForEvent('load');
    await target.click();
    await loaded;
    await this.checkAccessibility();
    return this.status;
  }

  async checkAccessibility(): Promise<void> {
    const last = this.loaded.at(-1);
    const results = await new AxeBuilder({ page: this.page }).withTags(AXE_TAGS).analyze();
    const report = results.violations
      .map((v) => `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
      .join('\n');
    assert.equal(results.violations.length, 0, `axe found ${results.violations.length} violation(s) on ${this.page.url()}:\n${report}`);
    if (last) last.checked = true;
  }

  // The page's one h1, as read.
  async heading(): Promise<string> {
    return (await this.page.getByRole('heading', { level: 1 }).innerText()).trim();
  }

  async isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((element) => element === document.activeElement);
  }

  async close(): Promise<void> {
    const unchecked = this.loaded.filter((d) => !d.checked).map((d) => d.url);
    await this.context.close();
    assert.deepEqual(unchecked, [], 'pages were loaded but not checked with axe');
  }
}
