// Opens the built dashboard in headless Chromium and checks that its charts
// and table show the numbers the views return.
//
//   node test/check.mjs URL EXPECTED.json SCREENSHOT.png
//
// EXPECTED.json is written by test/t/dashboard.sh from psql queries on the
// views: { topics: [[month, topic, mentions]...], speakers: [[speaker,
// share]...], questions: [[outlet, topic, questions]...], quotes: [quote...] }.
// The charts are read from the ECharts instances Evidence registers on the
// window (the options ECharts draws from), the quotes from the table's text.
import { chromium } from 'playwright-core';

const [url, expectedFile, screenshot] = process.argv.slice(2);
const expected = JSON.parse(await (await import('node:fs/promises')).readFile(expectedFile, 'utf8'));

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
		'--disable-component-update', '--no-first-run']
});
let failures = 0;
const check = (name, ok, detail = '') => {
	console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : `\n  ${detail}`}`);
	if (!ok) failures++;
};

try {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(url, { waitUntil: 'networkidle', timeout: 120000 });
	// Four charts' worth of ECharts instances, each with data.
	await page.waitForFunction(() => {
		const charts = window[Symbol.for('__evidence-chart-window-debug__')];
		return charts && Object.values(charts).filter((c) => (c.getOption()?.series ?? []).length).length >= 3;
	}, null, { timeout: 120000 });
	await page.waitForTimeout(1500);	// animations end

	const charts = await page.evaluate(() =>
		Object.values(window[Symbol.for('__evidence-chart-window-debug__')]).map((c) => {
			const o = c.getOption();
			const title = (c.getDom().closest('.chart-container')?.parentElement?.innerText ?? '');
			return {
				title,
				series: (o.series ?? []).map((s) => ({ name: s.name, data: s.data })),
				xAxis: (o.xAxis ?? []).map((a) => a.data ?? null),
				yAxis: (o.yAxis ?? []).map((a) => a.data ?? null)
			};
		}));
	const find = (words) => charts.find((c) => c.title.includes(words));

	// Topics over time: every (month, topic, mentions) of the view's six
	// most mentioned topics is a point of the line chart.
	const topics = find('six most mentioned topics');
	check('the topics chart is there', !!topics);
	if (topics) {
		const points = new Set();
		for (const s of topics.series)
			for (const d of s.data ?? []) {
				const [x, y] = Array.isArray(d) ? d : d.value;
				points.add(`${new Date(x).toISOString().slice(0, 7)}|${s.name}|${Number(y)}`);
			}
		const want = expected.topics.map(([m, t, n]) => `${m.slice(0, 7)}|${t}|${Number(n)}`);
		const missing = want.filter((w) => !points.has(w));
		check(`the topics chart plots the view's ${want.length} monthly counts`, want.length > 0 && missing.length === 0,
			`missing: ${missing.slice(0, 5).join(', ')}`);
	}

	// Speakers' share of words.
	const speakers = find('Share of all words');
	check('the speakers chart is there', !!speakers);
	if (speakers) {
		const got = new Map();
		for (const s of speakers.series)
			for (const d of s.data ?? []) {
				const [a, b] = Array.isArray(d) ? d : d.value;
				const [name, v] = typeof a === 'string' ? [a, b] : [b, a];
				got.set(name, Number(v));
			}
		const bad = expected.speakers.filter(([name, share]) => !(Math.abs((got.get(name) ?? -1) - share) < 1e-9));
		check(`the speakers chart shows the view's ${expected.speakers.length} shares of words`, bad.length === 0,
			`wrong: ${bad.slice(0, 5).map((b) => b.join('=')).join(', ')}; chart: ${[...got].slice(0, 5)}`);
	}

	// Questions by outlet and topic.
	const questions = find('Questions per topic');
	check('the questions chart is there', !!questions);
	if (questions) {
		const got = new Set();
		for (const s of questions.series)
			for (const d of s.data ?? []) {
				const [a, b] = Array.isArray(d) ? d : d.value;
				const [outlet, n] = typeof a === 'string' ? [a, b] : [b, a];
				if (n !== null && n !== undefined && Number(n) > 0) got.add(`${outlet}|${s.name}|${Number(n)}`);
			}
		const want = expected.questions.map(([o, t, n]) => `${o}|${t}|${Number(n)}`);
		const missing = want.filter((w) => !got.has(w));
		check(`the questions chart shows the view's ${want.length} counts`, missing.length === 0,
			`missing: ${missing.slice(0, 5).join(', ')}`);
	}

	// Recent quotes: the table shows the latest quotations.
	const text = await page.locator('table').allInnerTexts();
	const tableText = text.join('\n').replace(/\s+/g, ' ');
	const missingQuotes = expected.quotes.filter((q) => !tableText.includes(q.replace(/\s+/g, ' ').slice(0, 60)));
	check(`the quotes table shows the ${expected.quotes.length} latest quotations`, missingQuotes.length === 0,
		`missing: ${missingQuotes.slice(0, 3).join(' | ')}`);

	check('no errors in the page', errors.length === 0, errors.slice(0, 3).join(' | '));
	await page.screenshot({ path: screenshot, fullPage: true });
	console.log(`screenshot: ${screenshot}`);
} finally {
	await browser.close();
}
process.exit(failures ? 1 : 0);
