/// The Mustache templates, as Swift source so the single binary carries them. `{{ }}` escapes HTML;
/// triple braces are never used for anything a person typed.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "sign-in": signIn, "queue": queue, "ticket": ticket, "portal-home": portalHome, "message": message, "admin": admin, "portal-sign-in": portalSignIn,
        "admin-agent": adminAgent, "admin-team": adminTeam,
    ]

    static let layout = """
    <!doctype html>
    <html lang="{{page.lang}}" dir="{{page.dir}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{$title}}{{t.appName}}{{/title}} · {{t.appName}}</title>
    <link rel="stylesheet" href="{{page.stylesheet}}">
    <script type="module" src="{{page.script}}"></script>
    </head>
    <body>
    <a class="skip" href="#main">{{t.skipToContent}}</a>
    <header class="bar">
      <a class="brand" href="/">{{t.appName}}</a>
      <form method="get" action="{{page.path}}">
        <label for="language-menu" class="muted">{{t.language}}</label>
        <select id="language-menu" name="lang" data-auto-submit>
          {{#page.languages}}<option value="{{code}}"{{#selected}} selected{{/selected}} lang="{{code}}">{{name}}</option>{{/page.languages}}
        </select>
        <button type="submit" class="quiet" data-js-hidden>{{t.language}}</button>
      </form>
      {{#page.user}}
      {{#isStaff}}<nav class="top" aria-label="{{t.views}}"><a href="/agent">{{t.queue}}</a>{{#isAdmin}} <a href="/admin">{{t.admin}}</a>{{/isAdmin}}</nav>{{/isStaff}}
      <span>{{name}}{{#agentNumber}} · #{{agentNumber}}{{/agentNumber}}</span>
      <form method="post" action="/sign-out">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <button type="submit" class="quiet">{{t.signOut}}</button>
      </form>
      {{/page.user}}
    </header>
    <main id="main">
    {{$main}}{{/main}}
    </main>
    </body>
    </html>
    """

    static let signIn = """
    {{<layout}}
    {{$title}}{{t.signIn}}{{/title}}
    {{$main}}
    <section class="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{{t.signInTitle}}</h1>
      <p class="muted">{{t.signInLead}}</p>
      {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
      <form method="post" action="/sign-in">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <label for="email">{{t.email}}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}">
        <label for="password">{{t.password}}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button type="submit">{{t.signIn}}</button></p>
      </form>
    </section>
    {{/main}}
    {{/layout}}
    """

    static let queue = """
    {{<layout}}
    {{$title}}{{t.queue}}{{/title}}
    {{$main}}
    <h1>{{t.queue}}</h1>
    <form class="filters" method="get" action="/agent">
      <input type="hidden" name="view" value="{{view}}">
      <label for="filter-status">{{t.status}}</label>
      <select id="filter-status" name="status">{{#statusOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statusOptions}}</select>
      <label for="filter-priority">{{t.priority}}</label>
      <select id="filter-priority" name="priority">{{#priorityOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/priorityOptions}}</select>
      <button type="submit" class="quiet">{{t.filter}}</button>
    </form>
    <div id="queue" data-live="/live/queue">
    <nav class="views" aria-label="{{t.views}}">
      {{#views}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}} <span class="badge">{{count}}</span></a>{{/views}}
    </nav>
    {{#hasRows}}
    <table class="queue">
      <caption class="muted">{{shown}} {{t.ticketsShown}}</caption>
      <thead><tr><th scope="col">{{t.number}}</th><th scope="col">{{t.subject}}</th><th scope="col">{{t.customer}}</th><th scope="col">{{t.status}}</th><th scope="col">{{t.priority}}</th><th scope="col">{{t.assignee}}</th><th scope="col">{{t.updated}}</th></tr></thead>
      <tbody>
      {{#rows}}
      <tr>
        <td><a href="/agent/tickets/{{number}}">{{number}}</a></td>
        <td class="user-text" dir="auto">{{subject}}</td>
        <td class="user-text" dir="auto">{{customer}}</td>
        <td class="status">{{status}}</td>
        <td class="priority priority-{{priorityCode}}">{{priority}}</td>
        <td>{{assignee}}</td>
        <td><time datetime="{{updatedISO}}">{{updated}}</time></td>
      </tr>
      {{/rows}}
      </tbody>
    </table>
    {{/hasRows}}
    {{^rows}}<p class="card">{{t.noTickets}}</p>{{/rows}}
    </div>
    {{#nextHref}}<p><a class="button" href="{{nextHref}}">{{t.nextPage}}</a></p>{{/nextHref}}
    {{/main}}
    {{/layout}}
    """

    static let ticket = """
    {{<layout}}
    {{$title}}{{number}} · {{subject}}{{/title}}
    {{$main}}
    <article class="ticket" aria-labelledby="ticket-title">
      <header class="card">
        <h1 id="ticket-title"><span class="muted">#{{number}}</span> <span class="user-text" dir="auto">{{subject}}</span></h1>
        <dl class="facts">
          <div><dt>{{t.status}}</dt><dd class="status status-{{statusCode}}" data-live-field="status">{{status}}</dd></div>
          {{#isAgent}}<div><dt>{{t.priority}}</dt><dd>{{priority}}</dd></div>{{/isAgent}}
          <div><dt>{{t.team}}</dt><dd>{{team}}</dd></div>
          <div><dt>{{t.owner}}</dt><dd>{{owner}}</dd></div>
          {{#isAgent}}<div><dt>{{t.customer}}</dt><dd class="user-text" dir="auto">{{customerName}}</dd></div>{{/isAgent}}
        </dl>
        {{^isAgent}}<p class="explain">{{statusExplained}}</p>{{/isAgent}}
      </header>
      {{#error}}<p class="error card" role="alert">{{t.changeFailed}} {{error}}</p>{{/error}}
      <div class="columns">
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{{t.timeline}}</h2>
          <ol id="timeline" class="timeline" data-live="{{livePath}}" aria-live="polite">
            {{#entries}}{{> message}}{{/entries}}
          </ol>
          <form class="card composer" method="post" action="{{formBase}}/messages">
            <input type="hidden" name="csrf" value="{{page.csrfToken}}">
            <label for="body">{{#isAgent}}{{t.composerAgent}}{{/isAgent}}{{^isAgent}}{{t.composerCustomer}}{{/isAgent}}</label>
            <textarea id="body" name="body" rows="4" required maxlength="20000" dir="auto"></textarea>
            {{#isAgent}}
            <fieldset class="visibility">
              <legend>{{t.visibility}}</legend>
              <label class="inline"><input type="radio" name="visibility" value="public" checked> {{t.publicReply}}</label>
              <label class="inline"><input type="radio" name="visibility" value="internal"> {{t.internalNote}}</label>
            </fieldset>
            {{/isAgent}}
            <p><button type="submit">{{t.send}}</button></p>
          </form>
        </section>
        {{#isAgent}}
        <aside aria-label="{{t.actions}}">
          <form class="card" method="post" action="{{formBase}}/change">
            <input type="hidden" name="csrf" value="{{page.csrfToken}}">
            <input type="hidden" name="action" value="status">
            <label for="status-select">{{t.status}}</label>
            <select id="status-select" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
            <p><button type="submit">{{t.save}}</button></p>
          </form>
          <form class="card" method="post" action="{{formBase}}/change">
            <input type="hidden" name="csrf" value="{{page.csrfToken}}">
            <input type="hidden" name="action" value="priority">
            <label for="priority-select">{{t.priority}}</label>
            <select id="priority-select" name="priority">{{#priorities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/priorities}}</select>
            <p><button type="submit">{{t.save}}</button></p>
          </form>
          <form class="card" method="post" action="{{formBase}}/change">
            <input type="hidden" name="csrf" value="{{page.csrfToken}}">
            <input type="hidden" name="action" value="assign">
            <label for="assignee-select">{{t.assignee}}</label>
            <select id="assignee-select" name="assignee">{{#agents}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agents}}</select>
            <p><button type="submit">{{t.assign}}</button></p>
          </form>
          <form class="card" method="post" action="{{formBase}}/change">
            <input type="hidden" name="csrf" value="{{page.csrfToken}}">
            <input type="hidden" name="action" value="transfer">
            <label for="team-select">{{t.transferTo}}</label>
            <select id="team-select" name="team">{{#teams}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/teams}}</select>
            <label for="transfer-reason">{{t.transferReason}}</label>
            <input id="transfer-reason" name="reason" type="text" required maxlength="500">
            <p><button type="submit">{{t.transfer}}</button></p>
          </form>
          <form class="card" method="post" action="{{formBase}}/change">
            <input type="hidden" name="csrf" value="{{page.csrfToken}}">
            <input type="hidden" name="action" value="tags">
            <label for="tags-input">{{t.tags}}</label>
            <input id="tags-input" name="tags" type="text" value="{{tags}}" maxlength="500">
            <p><button type="submit">{{t.save}}</button></p>
          </form>
          <section class="card" aria-labelledby="customer-title">
            <h2 id="customer-title">{{t.customer}}</h2>
            <p class="user-text" dir="auto">{{customerName}}</p>
            {{#hasIdentities}}<h3>{{t.identities}}</h3>{{/hasIdentities}}
            <ul>{{#identities}}<li dir="auto">{{.}}</li>{{/identities}}</ul>
            <h3>{{t.otherTickets}}</h3>
            <ul>{{#otherTickets}}<li><a href="{{href}}" dir="auto">{{label}}</a></li>{{/otherTickets}}</ul>
            {{^otherTickets}}<p class="muted">{{t.none}}</p>{{/otherTickets}}
          </section>
        </aside>
        {{/isAgent}}
      </div>
    </article>
    {{/main}}
    {{/layout}}
    """

    static let message = """
    <li class="entry entry-{{authorKind}}{{#isNote}} note{{/isNote}}">
    {{#isMessage}}
      <p class="meta"><strong dir="auto">{{author}}</strong>{{#isNote}} <span class="badge note-badge">{{t.internalNote}}</span>{{/isNote}} · <time datetime="{{atISO}}">{{at}}</time></p>
      <div class="body user-text" dir="auto">{{body}}</div>
    {{/isMessage}}
    {{^isMessage}}
      <p class="meta event">{{text}} · <time datetime="{{atISO}}">{{at}}</time></p>
    {{/isMessage}}
    </li>
    """

    static let portalHome = """
    {{<layout}}
    {{$title}}{{t.myRequests}}{{/title}}
    {{$main}}
    <h1>{{t.myRequests}}</h1>
    {{#hasRows}}
    <ul class="requests">
      {{#rows}}<li class="card" data-status="{{statusCode}}"><a href="/portal/tickets/{{number}}"><span class="muted">#{{number}}</span> <span class="user-text" dir="auto">{{subject}}</span></a>
      <p>{{status}} · <time datetime="{{updatedISO}}">{{updated}}</time></p></li>{{/rows}}
    </ul>
    {{/hasRows}}
    {{^hasRows}}<p class="card">{{t.noRequests}}</p>{{/hasRows}}
    {{/main}}
    {{/layout}}
    """

    static let admin = """
    {{<layout}}
    {{$title}}{{t.admin}}{{/title}}
    {{$main}}
    <h1>{{t.admin}}</h1>
    {{#error}}<p class="error card" role="alert">{{t.changeFailed}} {{error}}</p>{{/error}}
    {{#newSecret}}<div class="card notice" role="status"><p>{{t.newTokenShown}}</p><p><code class="secret">{{newSecret}}</code></p></div>{{/newSecret}}
    <section aria-labelledby="organizations-title">
      <h2 id="organizations-title">{{t.organizations}}</h2>
      <table class="queue"><thead><tr><th scope="col">{{t.name}}</th><th scope="col">{{t.kind}}</th></tr></thead>
      <tbody>{{#organizations}}<tr><td dir="auto">{{name}}</td><td>{{kind}}</td></tr>{{/organizations}}</tbody></table>
      {{#canAddOrganizations}}
      <form class="card" method="post" action="/admin/organizations">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <h3>{{t.newMerchant}}</h3>
        <label for="new-organization-name">{{t.name}}</label>
        <input id="new-organization-name" name="name" type="text" required maxlength="100" dir="auto">
        <p class="muted">{{t.newMerchantNote}}</p>
        <p><button type="submit">{{t.addMerchant}}</button></p>
      </form>
      {{/canAddOrganizations}}
    </section>
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{{t.teams}}</h2>
      <table class="queue"><thead><tr><th scope="col">{{t.name}}</th><th scope="col">{{t.organization}}</th><th scope="col">{{t.timeZone}}</th><th scope="col">{{t.hours}}</th></tr></thead>
      <tbody>{{#teams}}<tr><td dir="auto"><a href="/admin/teams/{{id}}">{{name}}</a></td><td dir="auto">{{organization}}</td><td dir="ltr">{{timeZone}}</td><td><ul class="hours">{{#hours}}<li>{{day}} <bdi dir="ltr">{{times}}</bdi></li>{{/hours}}</ul></td></tr>{{/teams}}</tbody></table>
      <form class="card" method="post" action="/admin/teams">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <h3>{{t.newTeam}}</h3>
        <label for="new-team-name">{{t.name}}</label>
        <input id="new-team-name" name="name" type="text" required maxlength="100">
        <label for="new-team-zone">{{t.timeZone}}</label>
        <input id="new-team-zone" name="timeZone" type="text" required placeholder="Asia/Shanghai" dir="ltr">
        <label for="new-team-opens">{{t.opensAt}}</label>
        <input id="new-team-opens" name="opens" type="number" min="0" max="23" value="9" required>
        <label for="new-team-closes">{{t.closesAt}}</label>
        <input id="new-team-closes" name="closes" type="number" min="1" max="24" value="18" required>
        <p class="muted">{{t.weekdaysNote}}</p>
        <p><button type="submit">{{t.addTeam}}</button></p>
      </form>
    </section>
    <section aria-labelledby="agents-title">
      <h2 id="agents-title">{{t.agents}}</h2>
      <table class="queue"><thead><tr><th scope="col">#</th><th scope="col">{{t.name}}</th><th scope="col">{{t.email}}</th><th scope="col">{{t.role}}</th><th scope="col">{{t.teams}}</th><th scope="col">{{t.skills}}</th><th scope="col">{{t.languages}}</th><th scope="col">{{t.active}}</th></tr></thead>
      <tbody>{{#agents}}<tr><td>{{number}}</td><td dir="auto"><a href="/admin/agents/{{id}}">{{name}}</a></td><td dir="ltr">{{email}}</td><td>{{role}}</td><td dir="auto">{{teams}}</td><td dir="auto">{{skills}}</td><td>{{languages}}</td><td>{{active}}</td></tr>{{/agents}}</tbody></table>
          <form class="card" method="post" action="/admin/agents">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <h3>{{t.newAgent}}</h3>
        <label for="new-agent-name">{{t.name}}</label>
        <input id="new-agent-name" name="name" type="text" required maxlength="100">
        <label for="new-agent-email">{{t.email}}</label>
        <input id="new-agent-email" name="email" type="email" required dir="ltr">
        {{#canAddOrganizations}}
        <label for="new-agent-organization">{{t.organization}}</label>
        <select id="new-agent-organization" name="organization">{{#organizationOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/organizationOptions}}</select>
        {{/canAddOrganizations}}
        <label for="new-agent-role">{{t.role}}</label>
        <select id="new-agent-role" name="role">{{#roles}}<option value="{{value}}">{{label}}</option>{{/roles}}</select>
        <fieldset><legend>{{t.teams}}</legend>
        {{#teamOptions}}<label class="inline" for="{{id}}"><input id="{{id}}" type="checkbox" name="team" value="{{value}}"> {{label}}</label>{{/teamOptions}}
        </fieldset>
        <label for="new-agent-skills">{{t.skills}}</label>
        <input id="new-agent-skills" name="skills" type="text" placeholder="refund, exchange" dir="auto">
        <label for="new-agent-languages">{{t.languages}}</label>
        <input id="new-agent-languages" name="languages" type="text" placeholder="en, zh, fa" dir="ltr">
        <label for="new-agent-password">{{t.firstPassword}}</label>
        <input id="new-agent-password" name="password" type="password" autocomplete="new-password">
        <p><button type="submit">{{t.addAgent}}</button></p>
      </form>
    </section>
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{{t.apiTokens}}</h2>
      <table class="queue"><thead><tr><th scope="col">{{t.name}}</th><th scope="col">{{t.tokenPrefix}}</th><th scope="col">{{t.scopes}}</th><th scope="col">{{t.organization}}</th><th scope="col">{{t.created}}</th><th scope="col">{{t.lastUsed}}</th><th scope="col">{{t.status}}</th></tr></thead>
      <tbody>{{#tokens}}<tr><td dir="auto">{{name}}</td><td dir="ltr"><code>{{prefix}}…</code></td><td dir="ltr">{{scopes}}</td><td dir="auto">{{organization}}</td><td>{{created}}</td><td>{{lastUsed}}</td>
      <td>{{#revoked}}{{t.revoked}} {{revoked}}{{/revoked}}{{^revoked}}<form method="post" action="/admin/tokens/{{id}}/revoke"><input type="hidden" name="csrf" value="{{page.csrfToken}}"><button type="submit" class="quiet">{{t.revoke}}</button></form>{{/revoked}}</td></tr>{{/tokens}}</tbody></table>
      <form class="card" method="post" action="/admin/tokens">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <label for="token-name">{{t.tokenName}}</label>
        <input id="token-name" name="name" type="text" required maxlength="100">
        <fieldset><legend>{{t.scopes}}</legend>
        {{#scopes}}<label class="inline" for="{{id}}"><input id="{{id}}" type="checkbox" name="scope" value="{{value}}"> <span dir="ltr">{{value}}</span></label>{{/scopes}}
        </fieldset>
        <p><button type="submit">{{t.createToken}}</button></p>
      </form>
    </section>
    {{/main}}
    {{/layout}}
    """

    static let adminAgent = """
    {{<layout}}
    {{$title}}{{t.editAgent}}{{/title}}
    {{$main}}
    <p><a href="/admin">{{t.backToAdmin}}</a></p>
    <h1>{{t.editAgent}} <span dir="auto">{{name}}</span> · #{{number}}</h1>
    {{#error}}<p class="error card" role="alert">{{t.changeFailed}} {{error}}</p>{{/error}}
    <form class="card" method="post" action="/admin/agents/{{id}}">
      <input type="hidden" name="csrf" value="{{page.csrfToken}}">
      <p class="muted">{{t.email}}: <span dir="ltr">{{email}}</span></p>
      <label for="agent-name">{{t.name}}</label>
      <input id="agent-name" name="name" type="text" required maxlength="100" value="{{name}}" dir="auto">
      <label for="agent-role">{{t.role}}</label>
      {{#isSelf}}<p class="muted" id="agent-role-note">{{t.ownRoleNote}}</p>{{/isSelf}}
      <select id="agent-role" name="role"{{#isSelf}} aria-describedby="agent-role-note"{{/isSelf}}>{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select>
      <fieldset><legend>{{t.teams}}</legend>
      {{#teams}}<label class="inline" for="{{id}}"><input id="{{id}}" type="checkbox" name="team" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/teams}}
      </fieldset>
      <label for="agent-skills">{{t.skills}}</label>
      <input id="agent-skills" name="skills" type="text" value="{{skills}}" dir="auto">
      <label for="agent-languages">{{t.languages}}</label>
      <input id="agent-languages" name="languages" type="text" value="{{languages}}" dir="ltr">
      <label for="agent-capacity">{{t.capacity}}</label>
      <input id="agent-capacity" name="capacity" type="number" min="1" max="200" required value="{{capacity}}">
      <p><label class="inline" for="agent-active"><input id="agent-active" type="checkbox" name="active" value="yes"{{#active}} checked{{/active}}{{#isSelf}} disabled{{/isSelf}}> {{t.accountActive}}</label></p>
      {{#isSelf}}<input type="hidden" name="active" value="yes">{{/isSelf}}
      <label for="agent-password">{{t.newPassword}}</label>
      <input id="agent-password" name="password" type="password" autocomplete="new-password">
      <p><button type="submit">{{t.save}}</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """

    static let adminTeam = """
    {{<layout}}
    {{$title}}{{t.editTeam}}{{/title}}
    {{$main}}
    <p><a href="/admin">{{t.backToAdmin}}</a></p>
    <h1>{{t.editTeam}} <span dir="auto">{{name}}</span></h1>
    {{#error}}<p class="error card" role="alert">{{t.changeFailed}} {{error}}</p>{{/error}}
    <form class="card" method="post" action="/admin/teams/{{id}}">
      <input type="hidden" name="csrf" value="{{page.csrfToken}}">
      <label for="team-name">{{t.name}}</label>
      <input id="team-name" name="name" type="text" required maxlength="100" value="{{name}}" dir="auto">
      <label for="team-zone">{{t.timeZone}}</label>
      <input id="team-zone" name="timeZone" type="text" required value="{{timeZone}}" dir="ltr">
      <fieldset><legend>{{t.hours}}</legend>
      <p class="muted" id="hours-note">{{t.hoursNote}}</p>
      {{#days}}<label for="team-day-{{index}}">{{label}}</label>
      <input id="team-day-{{index}}" name="day{{index}}" type="text" value="{{hours}}" dir="ltr" placeholder="09:00–18:00" aria-describedby="hours-note">
      {{/days}}
      </fieldset>
      <p><button type="submit">{{t.save}}</button></p>
    </form>
    {{/main}}
    {{/layout}}
    """

    static let portalSignIn = """
    {{<layout}}
    {{$title}}{{t.portalSignInTitle}}{{/title}}
    {{$main}}
    <section class="card narrow" aria-labelledby="portal-sign-in-title">
      <h1 id="portal-sign-in-title">{{t.portalSignInTitle}}</h1>
      {{#expired}}<p class="error" role="alert">{{t.linkExpired}}</p>{{/expired}}
      {{#sent}}<p role="status">{{t.linkSent}}</p>{{/sent}}
      {{^sent}}
      <p class="muted">{{t.portalSignInLead}}</p>
      <form method="post" action="/portal/sign-in">
        <input type="hidden" name="csrf" value="{{page.csrfToken}}">
        <label for="portal-email">{{t.email}}</label>
        <input id="portal-email" name="email" type="email" autocomplete="email" required dir="ltr">
        <p><button type="submit">{{t.sendLink}}</button></p>
      </form>
      {{/sent}}
    </section>
    {{/main}}
    {{/layout}}
    """
}
