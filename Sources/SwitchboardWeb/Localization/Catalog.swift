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
        ("owner", "Handled by", "负责人", "مسئول پرونده"),
        ("ownerNone", "Waiting for the next free agent", "正在等待下一位空闲客服", "در انتظار اولین کارشناس آزاد"),
        ("timeline", "What happened", "处理经过", "روند پیگیری"),
        ("composerAgent", "Reply or note", "回复或备注", "پاسخ یا یادداشت"),
        ("composerCustomer", "Your message", "您的留言", "پیام شما"),
        ("visibility", "Who sees it", "谁能看到", "چه کسی می‌بیند"),
        ("publicReply", "Reply to the customer", "回复顾客", "پاسخ به مشتری"),
        ("internalNote", "Internal note", "内部备注", "یادداشت داخلی"),
        ("send", "Send", "发送", "ارسال"),
        ("actions", "Actions", "操作", "اقدام‌ها"),
        ("save", "Save", "保存", "ذخیره"),
        ("assign", "Assign", "分配", "واگذاری"),
        ("transfer", "Transfer", "转交", "انتقال"),
        ("transferTo", "Transfer to team", "转交给团队", "انتقال به تیم"),
        ("transferReason", "Reason for the transfer", "转交原因", "دلیل انتقال"),
        ("tags", "Tags", "标签", "برچسب‌ها"),
        ("identities", "Contact", "联系方式", "راه‌های تماس"),
        ("otherTickets", "Other tickets", "其他工单", "درخواست‌های دیگر"),
        ("none", "None", "无", "هیچ"),
        ("you", "You", "您", "شما"),
        ("assistantName", "Assistant", "智能助手", "دستیار"),
        ("changeFailed", "That did not work:", "操作未成功：", "انجام نشد:"),
        ("myRequests", "My requests", "我的咨询", "درخواست‌های من"),
        ("noRequests", "You have no requests yet.", "您还没有咨询记录。", "هنوز درخواستی ندارید."),
        ("explain.new", "We have your request. An agent will pick it up soon.", "我们已收到您的咨询，客服会尽快处理。", "درخواست شما رسید. به‌زودی یک کارشناس آن را بررسی می‌کند."),
        ("explain.open", "An agent is working on your request.", "客服正在处理您的咨询。", "یک کارشناس در حال رسیدگی به درخواست شماست."),
        ("explain.pending-customer", "We are waiting for your answer to continue.", "我们在等您的回复以便继续处理。", "برای ادامه منتظر پاسخ شما هستیم."),
        ("explain.on-hold", "We are waiting for someone else (for example the courier or the merchant) and will update you.", "我们在等待其他方（如快递或商家）的回复，有进展会通知您。", "منتظر پاسخ طرف دیگری (مثلا شرکت پست یا فروشنده) هستیم و شما را در جریان می‌گذاریم."),
        ("explain.solved", "We think this is solved. Reply if it is not, and we will pick it up again.", "我们认为问题已解决。如果没有，请直接回复，我们会继续处理。", "فکر می‌کنیم مشکل حل شده است. اگر نه، پاسخ دهید تا دوباره پیگیری کنیم."),
        ("explain.closed", "This request is closed. Writing again opens a new one linked to it.", "此咨询已关闭。再次留言会新建一条与之关联的咨询。", "این درخواست بسته شده است. پیام جدید، درخواست تازه‌ای مرتبط با آن باز می‌کند."),
        ("event.created", "Request opened", "咨询已创建", "درخواست ثبت شد"),
        ("event.assigned", "Assigned to", "分配给", "واگذار شد به"),
        ("event.transferred", "Moved to team", "转交给团队", "منتقل شد به تیم"),
        ("event.status_changed", "Status", "状态变更为", "وضعیت"),
        ("event.priority_changed", "Priority", "优先级变更为", "اولویت"),
        ("event.tags_changed", "Tags changed", "标签已更改", "برچسب‌ها تغییر کرد"),
        ("event.fields_changed", "Details updated", "信息已更新", "جزئیات به‌روز شد"),
        ("event.problem_updated", "Problem details updated", "问题描述已更新", "شرح مشکل به‌روز شد"),
        ("event.category_changed", "Category changed", "分类已更改", "دسته‌بندی تغییر کرد"),
        ("event.customer_merged", "Customer records merged", "顾客记录已合并", "سوابق مشتری ادغام شد"),
        ("event.follow_up_opened", "Follow-up opened", "已创建后续咨询", "درخواست پیگیری باز شد"),
    ]
}
