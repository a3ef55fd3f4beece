/// The pages' one script module: progressive enhancement only, every page works without it.
/// No inline handlers anywhere: behaviour is attached here by data attributes.
enum DeskScript {
    static let js = """
    // Switchboard desk: small enhancements for server-rendered pages.
    const autoSubmit = document.querySelectorAll('[data-auto-submit]');
    for (const control of autoSubmit) {
      control.addEventListener('change', () => control.form && control.form.requestSubmit());
    }
    for (const button of document.querySelectorAll('[data-js-hidden]')) {
      button.hidden = true;
    }
    """
}
