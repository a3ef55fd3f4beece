/// Searching Chinese text held as scalars, by the slice's own indices.
extension ArraySlice where Element == Unicode.Scalar {
    func ends(with suffix: [Unicode.Scalar]) -> Bool {
        count >= suffix.count && self[(endIndex - suffix.count)...].elementsEqual(suffix)
    }

    func occurs(_ needle: [Unicode.Scalar], at position: Int) -> Bool {
        position + needle.count <= endIndex && self[position..<(position + needle.count)].elementsEqual(needle)
    }

    /// The start of the first occurrence of `needle` at or after `from` (an index of this slice).
    func position(of needle: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty, from >= startIndex else { return nil }
        var position = from
        while position + needle.count <= endIndex {
            if self[position] == needle[0], occurs(needle, at: position) { return position }
            position += 1
        }
        return nil
    }

    func removingAll(_ needle: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        guard position(of: needle, from: startIndex) != nil else { return self }
        var output: [Unicode.Scalar] = []
        var position = startIndex
        while position < endIndex {
            if occurs(needle, at: position) {
                position += needle.count
            } else {
                output.append(self[position])
                position += 1
            }
        }
        return output[...]
    }
}
