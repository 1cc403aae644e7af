import type { DecisionSource } from '../../core/stages/stage.js';
import { faults } from '../../core/stages/faults.js';
import { enrollPath, outcomeNames } from '../../generated/outcomes.js';
import { consoleScript } from './console-script.js';
import { consoleStyle } from './console-style.js';

/** The journal's `source` values (DecisionSource), for the filter's choices. */
const SOURCES = ['check', 'rule', 'prefer', 'header', 'option', 'force'] satisfies DecisionSource[];

/** JSON that is safe inside a <script> block: no `</script>` or `<!--` can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The QA console, one self-contained page (style and script inline, no CDN, no build step), so it works offline
 * and ships inside the CLI bundle with nothing to locate at start-up. `nonce` ties the inline script and style
 * to the page's Content-Security-Policy.
 */
export function consolePage(nonce: string): string {
  const config = { enrollPath, outcomes: outcomeNames, faults, sources: SOURCES };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>face-enroll-mock console</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${consoleStyle}</style>
</head>
<body>
<a class="skip" href="#rules-heading">Skip to the rules</a>
<header>
  <h1>face-enroll-mock console</h1>
  <span id="live" class="live" role="status" data-state="connecting">connecting…</span>
  <span id="problem" role="alert"></span>
  <span class="spacer"></span>
  <button type="button" id="clear-journal">Clear journal</button>
  <button type="button" id="reset">Reset mock</button>
</header>
<main>
  <div class="column">
    <section aria-labelledby="chart-heading" class="chart">
      <h2 id="chart-heading">Outcomes <small>per minute, last 10 minutes</small></h2>
      <div class="legend" aria-hidden="true">
        <span><i class="k-success"></i>SUCCESS</span>
        <span><i class="k-rejected"></i>rejected (business error)</span>
        <span><i class="k-fault"></i>fault or HTTP 5xx</span>
      </div>
      <div id="chart"></div>
      <div id="chart-top" class="row"></div>
    </section>
    <section aria-labelledby="journal-heading">
      <h2 id="journal-heading">Live journal <small id="journal-count"></small></h2>
      <p class="note">Newest first. Open a request (Enter or Space) for its decision, body summary and headers.</p>
      <form id="journal-filters" role="search" aria-label="Filter the journal">
        <div class="row">
          <div class="field"><label for="filter-user">User</label><input id="filter-user" name="userId" placeholder="exact userId"></div>
          <div class="field"><label for="filter-outcome">Outcome or fault</label><input id="filter-outcome" name="outcome" list="filter-outcome-names" placeholder="any case"></div>
          <div class="field"><label for="filter-source">Source</label><select id="filter-source" name="source"><option value="">any</option></select></div>
          <div class="field"><label for="filter-since">Since</label><input id="filter-since" name="since" placeholder="10:30, ISO time or entry id" class="mid"></div>
          <div class="field"><label for="filter-operation">Operation</label><input id="filter-operation" name="operation" list="filter-operation-names"></div>
          <div class="field"><label for="filter-transaction">Transaction id</label><input id="filter-transaction" name="transactionId" class="mono"></div>
          <button type="reset">Clear filters</button>
        </div>
        <datalist id="filter-outcome-names"></datalist>
        <datalist id="filter-operation-names"></datalist>
      </form>
      <a class="skip" href="#rules-heading">Skip past the journal to the rules</a>
      <div class="journal">
        <div class="head" aria-hidden="true"><span>time</span><span>outcome</span><span>operation</span><span>source</span><span>rule</span><span>userId</span><span>latency</span><span>HTTP</span></div>
        <div id="journal-list" aria-live="polite"></div>
      </div>
    </section>
  </div>
  <div class="column">
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading" tabindex="-1">Rules <small id="rules-state"></small></h2>
      <div class="rules-box" tabindex="0" aria-label="rules in force, scrollable">
      <table>
        <thead><tr><th scope="col">rule</th><th scope="col">matches</th><th scope="col">answers</th><th scope="col">hits</th><th scope="col"><span class="sr-only">actions</span></th></tr></thead>
        <tbody id="rules-body"></tbody>
      </table>
      </div>
      <form id="rule-form" aria-labelledby="rule-form-heading">
        <h2 id="rule-form-heading">Add a runtime rule <small>tried before every other rule</small></h2>
        <div class="row">
          <div class="field"><label for="rule-name">Name</label><input id="rule-name" name="name" placeholder="optional, shown in the journal"></div>
          <div class="field"><label for="rule-match-by">Match by</label>
            <select id="rule-match-by" name="matchBy"><option value="userId">userId</option><option value="header">header</option></select></div>
          <div class="field" id="rule-user-mode"><label for="rule-user-mode-select">userId is</label>
            <select id="rule-user-mode-select" name="userMode"><option value="exact">exactly</option><option value="prefix">starting with</option></select></div>
          <div class="field" id="rule-header-name" hidden><label for="rule-header-input">Header name</label><input id="rule-header-input" name="headerName" placeholder="x-test-case"></div>
          <div class="field"><label for="rule-value">Value</label><input id="rule-value" name="matchValue" required placeholder="qa-alice"></div>
        </div>
        <div class="row">
          <fieldset>
            <legend>Answer</legend>
            <label class="check"><input type="radio" name="answerKind" value="outcome" checked> one outcome</label>
            <label class="check"><input type="radio" name="answerKind" value="sequence"> a sequence</label>
            <div class="field" id="rule-outcome"><label for="rule-outcome-select">Outcome</label><select id="rule-outcome-select" name="outcome"></select></div>
            <div class="field" id="rule-sequence" hidden><label for="rule-sequence-input">Sequence (comma-separated)</label><input id="rule-sequence-input" name="sequence" placeholder="SERVICE_BUSY, SUCCESS"></div>
          </fieldset>
          <div class="field"><label for="rule-times">Times</label><input id="rule-times" name="times" type="number" min="1" inputmode="numeric" placeholder="any" class="narrow"></div>
          <button type="submit" class="primary">Add rule</button>
        </div>
        <p id="rule-status" class="note" role="status"></p>
        <ul id="rule-errors" class="errors" role="alert"></ul>
      </form>
    </section>
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Enrollments <small id="users-count"></small></h2>
      <div id="users" class="users"></div>
    </section>
    <section aria-labelledby="enroll-heading">
      <h2 id="enroll-heading">Send a test enroll</h2>
      <form id="enroll-form">
        <div class="row">
          <div class="field"><label for="enroll-image">Face image</label><input id="enroll-image" type="file" name="image" accept="image/jpeg,image/png,image/*"></div>
          <div class="field"><label for="enroll-user">userId</label><input id="enroll-user" name="userId" required value="qa-console"></div>
          <div class="field"><label for="enroll-region">Region</label><input id="enroll-region" name="region" required value="PHL" maxlength="8" class="narrow"></div>
          <div class="field"><label for="enroll-token">X-ACCESS-TOKEN</label><input id="enroll-token" name="token" value="console-test-token"></div>
          <button type="submit" class="primary">Send enroll</button>
        </div>
        <pre id="enroll-answer" class="answer" aria-live="polite">The answer shows here.</pre>
      </form>
    </section>
  </div>
</main>
<script type="application/json" id="console-config">${scriptJson(config)}</script>
<script nonce="${nonce}">${consoleScript}</script>
</body>
</html>
`;
}
