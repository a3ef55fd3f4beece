/// The words on Switchboard's pages, in every page language. A key missing from a language is a
/// test failure, not an English word on a Persian page.
public enum Catalog {
    /// The strings of one language, by key.
    public static func strings(_ language: UILanguage) -> [String: String] {
        var strings: [String: String] = [:]
        for (key, translations) in entries {
            strings[key] = translations[language] ?? translations[.english]
        }
        return strings
    }

    /// Every key with its three translations: English, Simplified Chinese, Persian.
    static let entries: [String: [UILanguage: String]] = table.reduce(into: [:]) { result, row in
        result[row.0] = [.english: row.1, .chinese: row.2, .persian: row.3]
    }

    static let table: [(String, String, String, String)] = [
        ("appName", "Switchboard", "Switchboard", "Switchboard"),
        ("skipToContent", "Skip to content", "跳到正文", "رفتن به محتوا"),
        ("language", "Language", "语言", "زبان"),
        ("signIn", "Sign in", "登录", "ورود"),
        ("signInTitle", "Sign in to the desk", "登录客服工作台", "ورود به میز پشتیبانی"),
        ("signInLead", "For agents, supervisors and admins. Customers reach us from the help page.", "供客服、主管和管理员使用。顾客请从帮助页面联系我们。", "برای کارشناسان، سرپرستان و مدیران. مشتریان از صفحه راهنما با ما در تماس هستند."),
        ("email", "Email", "邮箱", "ایمیل"),
        ("password", "Password", "密码", "رمز عبور"),
        ("signInFailed", "That email and password do not match an account.", "邮箱或密码不正确。", "ایمیل یا رمز عبور با هیچ حسابی مطابقت ندارد."),
        ("signInPaused", "Too many attempts. Try again in a few minutes.", "尝试次数过多，请几分钟后再试。", "تلاش‌ها بیش از حد بود. چند دقیقه دیگر دوباره امتحان کنید."),
        ("signOut", "Sign out", "退出登录", "خروج"),
        ("queue", "Queue", "工单队列", "صف درخواست‌ها"),
        ("views", "Views", "视图", "نماها"),
        ("viewMine", "My tickets", "我的工单", "درخواست‌های من"),
        ("viewTeam", "My team", "我的团队", "تیم من"),
        ("viewUnassigned", "Unassigned", "未分配", "بدون مسئول"),
        ("viewAll", "All open", "全部未结", "همه باز"),
        ("number", "Number", "编号", "شماره"),
        ("subject", "Subject", "主题", "موضوع"),
        ("customer", "Customer", "顾客", "مشتری"),
        ("status", "Status", "状态", "وضعیت"),
        ("priority", "Priority", "优先级", "اولویت"),
        ("team", "Team", "团队", "تیم"),
        ("assignee", "Assignee", "处理人", "مسئول"),
        ("updated", "Updated", "更新时间", "به‌روزرسانی"),
        ("nobody", "Nobody yet", "暂无", "هنوز کسی نیست"),
        ("noTickets", "No tickets here. Nice work.", "这里没有工单。干得好！", "اینجا درخواستی نیست. عالی است."),
        ("nextPage", "Next page", "下一页", "صفحه بعد"),
        ("ticketsShown", "tickets shown", "条工单", "درخواست نمایش داده شده"),
        ("status.new", "New", "新建", "جدید"),
        ("status.open", "Open", "处理中", "باز"),
        ("status.pending-customer", "Waiting for customer", "等待顾客回复", "در انتظار مشتری"),
        ("status.on-hold", "On hold", "挂起", "معلق"),
        ("status.solved", "Solved", "已解决", "حل‌شده"),
        ("status.closed", "Closed", "已关闭", "بسته"),
        ("priority.urgent", "Urgent", "紧急", "فوری"),
        ("priority.high", "High", "高", "زیاد"),
        ("priority.normal", "Normal", "普通", "عادی"),
        ("priority.low", "Low", "低", "کم"),
    ]
}
