package notes

// A prefilter for the phrase tables: for each pattern, a few literal
// strings of which every match must contain at least one. A clause that
// contains none of them cannot match, and the regexp is not run. Go's
// regexp engine is linear but slow on patterns without a literal prefix
// (like ours, which start with \b); most clauses match few of the tables'
// patterns, so this makes Extract several times faster. It never changes
// what matches.

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// minKeyLen: shorter literals filter too little to be worth checking.
const minKeyLen = 1

// keywords returns literals of which every match of re contains at least
// one, or nil when no such set was found (the regexp must always run).
func keywords(re *regexp.Regexp) []string {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	keys := required(t.Simplify())
	for _, k := range keys {
		if len(k) < minKeyLen {
			return nil
		}
	}
	return keys
}

// required computes keywords for one syntax node; nil means "anything".
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			keys := required(sub)
			if keys == nil {
				return nil
			}
			all = append(all, keys...)
		}
		return all
	case syntax.OpConcat:
		// Any one part's keywords will do; take the part whose shortest
		// keyword is longest.
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			keys := required(sub)
			if keys == nil {
				continue
			}
			shortest := len(keys[0])
			for _, k := range keys {
				shortest = min(shortest, len(k))
			}
			if shortest > bestLen {
				best, bestLen = keys, shortest
			}
		}
		return best
	}
	return nil
}

// mayMatch reports whether text contains one of keys (nil keys: always).
func mayMatch(text string, keys []string) bool {
	if keys == nil {
		return true
	}
	for _, k := range keys {
		if strings.Contains(text, k) {
			return true
		}
	}
	return false
}
