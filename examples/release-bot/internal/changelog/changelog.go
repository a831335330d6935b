// Package changelog turns a GitHub release body into a short chat post.
package changelog

import (
	"bufio"
	"fmt"
	"strings"
)

// Summary is what the bot posts for one release.
type Summary struct {
	Repo     string
	Tag      string
	Features []string
	Fixes    []string
	Breaking bool
}

// Parse reads conventional-commit bullet lines ("- feat: ...", "- fix: ...")
// from a release body. Anything else is ignored.
func Parse(repo, tag, body string) Summary {
	s := Summary{Repo: repo, Tag: tag}
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		line := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "-"))
		kind, text, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kind, text = strings.TrimSpace(kind), strings.TrimSpace(text)
		if strings.HasSuffix(kind, "!") {
			s.Breaking = true
			kind = strings.TrimSuffix(kind, "!")
		}
		if i := strings.Index(kind, "("); i > 0 {
			kind = kind[:i]
		}
		switch kind {
		case "feat":
			s.Features = append(s.Features, text)
		case "fix":
			s.Fixes = append(s.Fixes, text)
		}
	}
	return s
}

// Post renders the chat message.
func (s Summary) Post() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s released", s.Repo, s.Tag)
	if s.Breaking {
		b.WriteString(" (breaking changes)")
	}
	fmt.Fprintf(&b, ": %d features, %d fixes", len(s.Features), len(s.Fixes))
	for _, f := range s.Features {
		fmt.Fprintf(&b, "\n• %s", f)
	}
	return b.String()
}
