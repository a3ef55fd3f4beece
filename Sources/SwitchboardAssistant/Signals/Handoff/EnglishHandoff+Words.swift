import SwitchboardCore

/// The English words the handoff rules read, by the part they play. Key words are canonical spellings;
/// `lexicon` maps misspellings to them.
extension EnglishHandoff {
    static let lexicon = FuzzyLexicon(
        exact: [
            "hooman": "human", "hoomans": "human", "humen": "human", "ppl": "people", "sum1": "someone", "some1": "someone",
            "any1": "anyone", "ne1": "anyone", "u": "you", "r": "are", "yr": "your", "pls": "please", "plz": "please",
            "plez": "please", "plss": "please", "plzz": "please", "pleez": "please", "pleaseee": "please", "plis": "please",
            "wanna": "want", "gimme": "give", "lemme": "let", "costumer": "customer", "karshenas": "agent", "poshtibani": "support",
            "poshtiban": "support", "ensan": "human", "oprator": "operator", "cs": "service", "hr": "resources",
        ],
        fuzzy: [
            "human", "humans", "person", "persons", "people", "agent", "agents", "operator", "operators", "representative",
            "representatives", "advisor", "adviser", "specialist", "consultant", "associate", "employee", "staff", "manager",
            "managers", "supervisor", "someone", "somebody", "anyone", "anybody", "support", "service", "customer",
            "speak", "connect", "transfer", "escalate", "contact", "please", "robot", "robots", "chatbot", "available",
            "escalation", "transferred", "connected",
        ],
        swapped: ["talk", "chat", "want", "need", "real", "live", "bots"],
        alphabet: "abcdefghijklmnopqrstuvwxyz",
        notTypos: [
            "humane", "hunan", "humid", "managed", "manages", "manage", "manger", "associated", "employer", "stuff", "stiff",
            "speck", "sneak", "steak", "spear", "peak", "contract", "pleased", "lease", "pleas", "escalated", "escalates",
            "persona", "parson", "agenda", "agency", "urgent", "gent", "advise", "advised", "services", "serviced",
            "supported", "supports", "connects", "transfers", "someones", "robotic", "transferee", "transferrer",
        ]
    )

    /// With a plan ("I'll …"), a time to come makes it a plan rather than a request.
    static let laterWords: Set<String> = ["later", "tomorrow", "tonight", "next", "afterwards", "soon", "another", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let contrast: Set<String> = ["but", "just", "instead", "though", "however", "although", "otherwise"]
    static let people: Set<String> = [
        "human", "humans", "person", "persons", "people", "agent", "agents", "operator", "operators", "representative",
        "representatives", "rep", "reps", "advisor", "adviser", "advisors", "advisers", "specialist", "specialists",
        "consultant", "consultants", "associate", "associates", "employee", "employees", "staff", "manager", "managers",
        "supervisor", "supervisors", "boss", "admin", "humanbeing",
    ]
    static let someone: Set<String> = ["someone", "somebody", "anyone", "anybody"]
    static let teams: Set<String> = ["support", "service", "team", "department", "desk", "helpdesk", "care"]
    /// Words allowed between a verb and its person: "talk to a real live human", "speak with someone from billing".
    static let gap: Set<String> = [
        "a", "an", "the", "to", "with", "me", "us", "some", "any", "your", "ur", "real", "live", "actual", "proper",
        "genuine", "physical", "living", "breathing", "human", "customer", "service", "support", "care", "sales", "billing",
        "technical", "tech", "senior", "member", "members", "of", "one", "from", "in", "at", "2", "w", "another",
        "different", "directly", "through", "over", "help", "team", "right", "now", "please", "quickly", "again",
        "actually", "immediately", "asap", "more", "experienced", "competent", "qualified", "english", "chinese",
        "persian", "speaking", "helpful", "for", "out", "someone", "somebody", "up", "back", "reach", "talk", "speak", "wit",
        "assistance", "attention", "hear", "hold",
    ]
    static let strongVerbs: Set<String> = [
        "talk", "speak", "chat", "connect", "transfer", "reach", "contact", "forward", "redirect", "route", "switch", "call",
        "touch", "escalate", "patch", "sohbat", "talking", "speaking", "chatting",
    ]
    /// "to be transferred to an agent", "get connected with a person".
    static let participles: Set<String> = ["transferred", "connected", "put", "passed", "forwarded", "switched", "redirected", "routed", "escalated"]
    static let wantingVerbs: Set<String> = ["want", "need", "needs", "get", "give", "request", "requesting", "demand", "demanding", "require", "prefer", "bring", "send", "find", "mikham"]
    static let movingVerbs: Set<String> = ["transfer", "connect", "forward", "put", "pass", "switch", "patch", "route", "redirect", "hand", "send"]
    static let afterMovingMe: Set<String> = ["please", "now", "asap", "to", "through", "thru", "over", "with", "thanks", "thx", "right", "immediately", "quickly", "already"]
    static let callVerbs: Set<String> = ["call", "contact", "reach", "ring", "phone", "email", "text", "get"]
    static let afterCallMe: Set<String> = ["back", "please", "asap", "now", "today", "on", "at", "soon", "urgently", "tomorrow", "thanks", "again", "directly"]
    static let beforeCallMe: Set<String> = ["please", "can", "could", "would", "you", "kindly", "just", "have", "someone", "somebody", "anyone", "should", "pls", "then"]
    static let presenceWords: Set<String> = ["there", "here", "home", "around", "available", "online", "alive", "awake", "listening", "reading", "real", "free", "out"]
    static let helpVerbs: Set<String> = ["help", "assist", "call", "contact", "answer", "respond", "reply", "talk", "speak", "chat", "look", "check", "explain", "handle", "take", "sort", "attend", "get"]
    static let strongBots: Set<String> = ["bot", "bots", "chatbot", "chatbots", "robot", "robots"]
    static let weakBots: Set<String> = ["machine", "machines", "computer", "ai", "automated", "autoresponder", "script"]
    static let identityEnds: Set<String> = [
        "or", "and", "right", "here", "there", "being", "talking", "answering", "replying", "writing", "typing", "chatting",
        "speaking", "please", "now", "lol", "haha", "seriously", "really", "actually", "too", "yes", "no", "arent", "isnt", "huh",
    ]
    /// "is this an automated chat?", "are you a bot account?".
    static let botNouns: Set<String> = ["chat", "reply", "replies", "response", "responses", "message", "messages", "system", "service", "assistant", "answer", "answers", "account", "program"]
    static let identityFillers: Set<String> = ["a", "an", "the", "just", "only", "actually", "really", "even", "talking", "still", "some", "kind", "of", "like"]
    static let botRejectionBefore: Set<String> = [
        "not", "no", "stop", "enough", "hate", "quit", "skip", "bypass", "without", "done", "tired", "sick", "instead", "than",
        "useless", "stupid", "dumb", "another", "annoying", "fucking", "damn", "silly",
    ]
    static let botRejectionAfter: Set<String> = ["useless", "stupid", "dumb", "sucks", "pointless", "isnt", "doesnt", "cant", "wont", "didnt", "not", "never", "cannot", "unhelpful"]
    static let productFollowers: Set<String> = ["vacuum", "vacuums", "cleaner", "mower", "lawnmower", "toy", "toys", "kit", "arm", "dog", "hoover", "mop", "kitchen", "lawn"]
    static let productQualifiers: Set<String> = ["vacuum", "toy", "kitchen", "cleaning", "lego", "lawn", "washing", "sewing", "coffee", "espresso", "bread", "slot", "time", "vending", "my"]
    /// Words before a person word that make them someone else's: "travel agent", "my manager".
    static let otherPeopleQualifiers: Set<String> = [
        "travel", "delivery", "shipping", "courier", "customs", "estate", "insurance", "secret", "cleaning", "chemical",
        "rental", "border", "booking", "ticket", "tour", "mobile", "network", "cell", "telecom", "crane", "forklift", "machine",
        "camera", "tower", "radio", "cable", "free", "double", "bleaching", "raising", "user", "my", "his", "her", "their",
        "our", "post", "postal", "property", "letting", "leasing", "sports", "talent", "literary", "press", "project",
        "product", "password", "download", "task", "bank", "hotel", "building", "office", "contact", "fbi", "cia",
        "undercover", "special", "claims", "car", "store", "shop", "warehouse", "restaurant", "wifes", "husbands",
    ]
    /// Words after a person word that make it a thing: "human resources", "human error", "agent fee".
    static let lookAlikeFollowers: Set<String> = [
        "resources", "resource", "error", "errors", "rights", "nature", "race", "trafficking", "body", "hair", "made",
        "readable", "kind", "interest", "capital", "touch", "skin", "eye", "eyes", "factor", "remains", "code", "fee", "fees",
        "commission", "program", "programme", "manual", "license", "licence", "job", "jobs", "position", "vacancy",
        "costume", "mode", "level", "guide", "handbook", "s", "sized", "size", "like", "shaped", "scale", "grade", "genome",
        "dna", "cells", "blood", "anatomy", "teeth", "bones", "consumption", "food", "safe", "friendly", "centered", "centric",
        "psychology", "behavior", "behaviour", "history", "evolution", "brain", "form", "figure", "shape", "head", "face",
        "skull", "hormone", "hormones", "milk", "population", "species", "limit", "limits", "count", "minimum", "maximum", "max", "min",
        "price", "prices", "ticket", "tickets", "rate", "capacity", "charge", "discount",
    ]
    static let fillers: Set<String> = [
        "please", "now", "asap", "right", "away", "rn", "quick", "quickly", "fast", "thanks", "thank", "you", "thx", "ty",
        "ok", "okay", "i", "a", "an", "the", "me", "only", "again", "already", "still", "more", "time", "dear", "sir",
        "madam", "lotfan", "urgent", "urgently", "help", "ya", "yes", "yeah", "hmm", "um", "oh", "sorry", "excuse", "hm",
        "some", "immediately", "seriously", "finally", "one", "want", "need", "needed", "required", "wanted", "ok", "pleaseee",
    ]
    static let greetings: Set<String> = ["hi", "hello", "hey", "helo", "hallo", "yo", "hiya", "thanks", "thank", "thx", "ty", "salam", "good", "morning", "evening", "afternoon"]
    static let urging: Set<String> = ["please", "now", "asap", "urgent", "urgently", "immediately", "quickly", "rn"]
    /// Words that may stand beside a person in a bare request: "real live human", "customer service rep".
    static let personPhrase: Set<String> = [
        "real", "live", "actual", "human", "customer", "service", "support", "care", "team", "rep", "being", "desk",
        "genuine", "proper", "another", "different", "member", "of", "staff", "chat", "else", "assistance", "help", "voice",
    ]
    static let negatingSubjects: Set<String> = [
        "i", "we", "please", "pls", "and", "so", "really", "still", "actually", "ok", "okay", "thanks", "no", "honestly",
        "seriously", "then", "also", "now", "id", "ill", "ive",
    ]
    /// "I don't know how to reach a human" negates knowing, not the request.
    static let notNegatedVerbs: Set<String> = ["you", "u", "know", "understand", "see", "think", "care", "get", "have", "like", "even", "want2"]
    static let finglishMarkers: Set<String> = ["ba", "sohbat", "harf", "vasl", "mikham", "mikhaam", "mikhastam", "konam", "bezanam", "lotfan", "konid", "lazem"]
    static let finglishTalk: Set<String> = ["sohbat", "harf", "vasl", "tamas", "chat", "sohbt"]
}
