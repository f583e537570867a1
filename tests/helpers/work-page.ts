import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What the e2e tests of working a finding share: where a screen is, axe, and the way from home to a finding's checklist. */

export const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The screen whose one <h1> matches, with focus moved to it. */
export async function expectScreen(page: Page, heading: string | RegExp) {
  await expect.poll(() => h1(page).textContent(), { timeout: 30_000 }).toMatch(typeof heading === 'string' ? new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : heading);
  expect(await h1(page).count()).toBe(1);
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? null)).toBe('H1');
}

/** WCAG 2.1 A and AA: any violation fails, named with where it was and which elements. */
export async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(found).toEqual([]);
}

/** Home → the audit's remediation board. */
export async function openBoard(page: Page, jurisdiction: string) {
  await expectScreen(page, 'Your audits');
  await page.getByRole('button', { name: new RegExp(`^Remediation board of the ${jurisdiction} audit`) }).first().click();
  await expectScreen(page, `Remediation board: ${jurisdiction}`);
}

/** The board's row of one finding (its title and its bucket). */
export const boardRow = (page: Page, title: string, resource: string) =>
  page.locator('table.cv-board tbody tr').filter({ has: page.getByRole('button', { name: title, exact: true }) }).filter({ hasText: resource });

/** Home → board → the finding's checklist screen. */
export async function openFinding(page: Page, jurisdiction: string, title: string, resource: string) {
  await openBoard(page, jurisdiction);
  await boardRow(page, title, resource).getByRole('button', { name: title, exact: true }).click();
  await expect.poll(() => page.locator('.cv-detail__resource').textContent()).toContain(resource);
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? null)).toBe('H1');
}

/** One step of the checklist screen, by number. */
export const stepItem = (page: Page, n: number) => page.locator(`li.cv-step[aria-labelledby="step-${n}-title"]`);

/** Chooses a state for step n (and its reason) and saves it. */
export async function setStep(page: Page, n: number, state: 'Open' | 'Done' | 'Not applicable' | 'Blocked', reason?: string) {
  const step = stepItem(page, n);
  await step.locator('label.usa-radio__label', { hasText: new RegExp(`^${state}$`) }).click();
  if (reason !== undefined) await step.locator('textarea').fill(reason);
  await step.getByRole('button', { name: `Save step ${n}` }).click();
}
