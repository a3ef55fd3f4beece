/// Key words with their one-slip misspellings, looked up in one hash probe: "humna", "agnet",
/// "opertor" and "رپراتور" read as the word they miss. Every spelling one edit away (a letter
/// left out, added, changed, or two neighbours swapped) is listed once, when the lexicon is built,
/// so a message costs a lookup per word however many key words there are. Spellings are keyed by
/// their UTF-8 bytes: comparing Persian or Chinese Strings would normalise them on every probe.
struct FuzzyLexicon: Sendable {
    private let table: [[UInt8]: String]

    /// - Parameters:
    ///   - exact: spellings read as a key word ("hooman" → "human"), the key words themselves included.
    ///   - fuzzy: key words of `minimumLength` letters or more that also match one edit away; shorter
    ///     ones in `swapped` match with two neighbouring letters swapped only ("tlak").
    ///   - alphabet: the letters a slip may bring in.
    ///   - notTypos: real words one edit away that mean something else ("humane", "stuff", "همکاری").
    init(exact: [String: String], fuzzy: [String], swapped: [String] = [], alphabet: String, minimumLength: Int = 5, notTypos: Set<String>) {
        var table: [[UInt8]: String] = [:]
        for (spelling, key) in exact { table[Array(spelling.utf8)] = key }
        let notTypos = Set(notTypos.map { Array($0.utf8) })
        let letters = Array(alphabet.unicodeScalars)
        func add(_ variant: [Unicode.Scalar], for key: String) {
            let spelling = Array(String(String.UnicodeScalarView(variant)).utf8)
            if table[spelling] == nil, !notTypos.contains(spelling) { table[spelling] = key }
        }
        for key in fuzzy where table[Array(key.utf8)] == nil { table[Array(key.utf8)] = key }
        for key in fuzzy {
            let word = Array(key.unicodeScalars)
            guard word.count >= minimumLength else { continue }
            for index in word.indices {
                var deleted = word
                deleted.remove(at: index)
                add(deleted, for: key)
                for letter in letters where letter != word[index] {
                    var changed = word
                    changed[index] = letter
                    add(changed, for: key)
                }
            }
            for index in 0...word.count {
                for letter in letters {
                    var inserted = word
                    inserted.insert(letter, at: index)
                    add(inserted, for: key)
                }
            }
            for index in word.indices.dropLast() where word[index] != word[index + 1] {
                add(word.swapping(index), for: key)
            }
        }
        for key in swapped {
            table[Array(key.utf8)] = table[Array(key.utf8)] ?? key
            let word = Array(key.unicodeScalars)
            for index in word.indices.dropLast() where word[index] != word[index + 1] {
                add(word.swapping(index), for: key)
            }
        }
        self.table = table
    }

    /// The key word `word` spells, or nil.
    func key(_ word: String) -> String? { table[Array(word.utf8)] }

    /// The key word `word` spells, or the word itself.
    func canonical(_ word: String) -> String { table[Array(word.utf8)] ?? word }
}

extension Array {
    fileprivate func swapping(_ index: Int) -> [Element] {
        var copy = self
        copy.swapAt(index, index + 1)
        return copy
    }
}
