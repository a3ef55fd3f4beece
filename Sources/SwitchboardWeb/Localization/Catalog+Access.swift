extension Catalog {
    /// The ways in that must be safe to follow: links from a shop, links in a mailbox, and
    /// contact data nobody has proven. English, Simplified Chinese, Persian.
    static let accessTable: [(String, String, String, String)] = [
        ("unverifiedContact", "not verified", "未验证", "تأییدنشده"),
        ("shopLink.expired.title", "This help link has expired", "此帮助链接已过期", "این لینک پشتیبانی منقضی شده است"),
        ("shopLink.expired.text",
         "For your safety, a link from the shop works for a few minutes only. Go back to the shop and open Help again — you will come straight in.",
         "为保障您的安全，商店提供的链接只在几分钟内有效。请返回商店，再次点击“帮助”，即可直接进入。",
         "برای امنیت شما، لینکی که از فروشگاه می‌آید فقط چند دقیقه کار می‌کند. به فروشگاه برگردید و دوباره «راهنما» را باز کنید تا مستقیم وارد شوید."),
        ("shopLink.invalid.title", "This help link does not work", "此帮助链接无效", "این لینک پشتیبانی کار نمی‌کند"),
        ("shopLink.invalid.text",
         "The link from the shop is incomplete or was changed on the way. Go back to the shop and open Help again.",
         "商店提供的链接不完整或在传递中被更改。请返回商店，再次点击“帮助”。",
         "لینکی که از فروشگاه آمده ناقص است یا در راه تغییر کرده است. به فروشگاه برگردید و دوباره «راهنما» را باز کنید."),
        ("shopLinkBack", "Back to the shop", "返回商店", "بازگشت به فروشگاه"),
        ("shopLinkOrEmail", "Or sign in with a link sent to your email", "或通过发送到邮箱的链接登录", "یا با لینکی که به ایمیلتان فرستاده می‌شود وارد شوید"),
        ("magicLinkTitle", "Sign in to your requests", "登录查看您的请求", "ورود به درخواست‌های شما"),
        ("magicLinkLead", "This link signs you in once. Press the button to continue.", "此链接只能登录一次。请点击按钮继续。", "این لینک فقط یک بار شما را وارد می‌کند. برای ادامه دکمه را بزنید."),
        ("magicLinkContinue", "Continue to my requests", "继续查看我的请求", "ادامه به درخواست‌های من"),
    ]
}
