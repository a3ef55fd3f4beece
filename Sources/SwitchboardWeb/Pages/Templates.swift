/// The Mustache templates, as Swift source so the single binary carries them. `{{ }}` escapes HTML;
/// triple braces are never used for anything a person typed.
enum Templates {
    static let all: [String: String] = ["layout": layout, "sign-in": signIn, "queue": queue]

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
    {{#nextHref}}<p><a class="button" href="{{nextHref}}">{{t.nextPage}}</a></p>{{/nextHref}}
    {{/main}}
    {{/layout}}
    """
}
