package checks

import (
	"fmt"
	"math"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// This file answers, for the security group checks, where a group's
// inbound rules admit traffic from: the rules' own CIDRs plus the entries
// of the managed prefix lists they reference, judged as one union per
// protocol and port (rules of one group add up: 0.0.0.0/1 in one rule and
// 128.0.0.0/1 in another admit the whole internet).
//
// AWS-managed prefix lists (owner "AWS": com.amazonaws.<region>.s3,
// com.amazonaws.global.cloudfront.origin-facing, ...ec2-instance-connect)
// hold AWS's own service ranges: only AWS's service reaches the group
// through them, never an arbitrary internet host, so they count as neither
// the internet nor an untrusted network (as a security group reference
// does). A prefix list whose entries were not read leaves undecided every
// answer it could change: unknown, never pass.

// coversSpace reports whether the prefixes together cover every address of
// one family: all of IPv4 when v6 is false, all of IPv6 otherwise.
// Prefixes of the other family are ignored; overlapping and unsorted
// prefixes are fine.
func coversSpace(ps []netip.Prefix, v6 bool) bool {
	type span struct{ from, to netip.Addr }
	var buf [8]span // on the stack for a few prefixes
	spans := buf[:0]
	if len(ps) > len(buf) {
		spans = make([]span, 0, len(ps))
	}
	for _, p := range ps {
		if !p.IsValid() || p.Addr().Is6() != v6 {
			continue
		}
		p = p.Masked()
		if p.Bits() == 0 {
			return true
		}
		spans = append(spans, span{p.Addr(), lastAddr(p)})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	next := netip.IPv4Unspecified()
	if v6 {
		next = netip.IPv6Unspecified()
	}
	for _, s := range spans {
		if next.Less(s.from) {
			return false // a hole before this span
		}
		if s.to.Less(next) {
			continue // inside what is covered already
		}
		if !s.to.Next().IsValid() {
			return true // reached the family's last address
		}
		next = s.to.Next()
	}
	return false
}

// lastAddr is the highest address of a (masked) prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().As16()
	bits := p.Bits()
	if p.Addr().Is4() {
		bits += 96
	}
	for i := bits; i < 128; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a := netip.AddrFrom16(b)
	if p.Addr().Is4() {
		return a.Unmap()
	}
	return a
}

// sgSource is one address range a rule admits: one of its own CIDRs or an
// entry of a prefix list it references.
type sgSource struct {
	prefix netip.Prefix
	cidr   string // as AWS gave it
	list   string // the prefix list's ID, "" for the rule's own CIDRs
}

// sourceLabels renders sources for evidence, in order and once each: a
// rule's own CIDRs as they are, a prefix list's entries grouped as
// "pl-1 (0.0.0.0/1, 128.0.0.0/1)". At most maxEvidence labels, and
// maxEvidence entries per list, are listed; the rest are counted.
func sourceLabels(srcs []sgSource) []string {
	type label struct {
		text    string
		entries []string
	}
	var out []*label
	lists := map[string]*label{}
	seen := map[sgSource]bool{}
	for _, s := range srcs {
		k := sgSource{cidr: s.cidr, list: s.list}
		if seen[k] {
			continue
		}
		seen[k] = true
		if s.list == "" {
			out = append(out, &label{text: s.cidr})
			continue
		}
		l := lists[s.list]
		if l == nil {
			l = &label{text: s.list}
			lists[s.list] = l
			out = append(out, l)
		}
		l.entries = append(l.entries, s.cidr)
	}
	texts := make([]string, 0, len(out))
	for _, l := range out {
		if l.entries == nil {
			texts = append(texts, l.text)
			continue
		}
		texts = append(texts, l.text+" ("+strings.Join(capped(l.entries), ", ")+")")
	}
	return capped(texts)
}

// capped keeps the first maxEvidence of xs and counts the rest.
func capped(xs []string) []string {
	if len(xs) <= maxEvidence {
		return xs
	}
	return append(xs[:maxEvidence:maxEvidence], fmt.Sprintf("%d more", len(xs)-maxEvidence))
}

// unreadList is a source of a rule whose addresses are not known: a
// prefix list whose entries were not read, with the gap that hid them or a
// reason, or (id "") a source that is not a CIDR.
type unreadList struct {
	id  string
	gap *state.Gap
	why string
}

func (u unreadList) String() string {
	switch {
	case u.gap != nil:
		return fmt.Sprintf("prefix list %s could not be read (%s)", u.id, u.gap.String())
	case u.id == "":
		return u.why
	}
	return fmt.Sprintf("prefix list %s %s", u.id, u.why)
}

// sgRule is an inbound security group rule with its sources resolved.
type sgRule struct {
	state.SGRule
	proto   string     // sgProtocol of the rule
	sources []sgSource // CIDRs, the rule's own and its prefix lists' entries
	// awsLists are the AWS-managed prefix lists the rule references.
	awsLists []string
	// unread are the referenced prefix lists whose entries are unknown.
	unread []unreadList
}

// sgProtocol normalises a rule's protocol: "all" (-1), "tcp", "udp",
// "icmp", "icmpv6", or the IANA protocol number as AWS gives it for any
// other protocol (47 GRE, 50 ESP, 132 SCTP, ...).
func sgProtocol(p string) string {
	switch strings.ToLower(p) {
	case "-1", "all":
		return "all"
	case "tcp", "6":
		return "tcp"
	case "udp", "17":
		return "udp"
	case "icmp", "1":
		return "icmp"
	case "icmpv6", "58":
		return "icmpv6"
	}
	return strings.ToLower(p)
}

// admitsPort reports whether the rule lets protocol proto (tcp or udp)
// reach port.
func (r *sgRule) admitsPort(proto string, port int) bool {
	switch r.proto {
	case "all":
		return true
	case proto:
		return r.FromPort <= port && port <= r.ToPort
	}
	return false
}

// sgResolver resolves security group rules against the account's managed
// prefix lists.
type sgResolver struct {
	a     *state.Account
	lists map[string]state.PrefixList // by region + "/" + ID
	// resolved are the inbound rules of the account's security groups,
	// at the index byARN gives (-1: ARN not unique, resolved each time),
	// resolved on the first call of ingress.
	once     sync.Once
	byARN    map[string]int
	resolved [][]*sgRule
}

// sgResolverKey is the key of the account's resolver (state.Derive).
type sgResolverKey struct{}

// newSGResolver returns the account's resolver, shared by the checks of an
// evaluation, which resolves the inbound rules of every security group
// once: five checks judge those rules, and resolving them once per check
// allocated 0.26 GB at 1M resources. Its rules are shared: not to be
// changed.
func newSGResolver(a *state.Account) *sgResolver {
	return state.Derive(a, sgResolverKey{}, func() *sgResolver {
		r := &sgResolver{a: a, lists: make(map[string]state.PrefixList, len(a.EC2.PrefixLists))}
		for _, l := range a.EC2.PrefixLists {
			r.lists[l.Region+"/"+l.ID] = l
		}
		return r
	})
}

// ingress resolves the inbound rules of g.
func (s *sgResolver) ingress(g state.SecurityGroup) []*sgRule {
	s.once.Do(func() {
		gs := s.a.EC2.SecurityGroups
		s.byARN = make(map[string]int, len(gs))
		s.resolved = make([][]*sgRule, len(gs))
		for i := range gs {
			if _, dup := s.byARN[gs[i].ARN]; dup {
				s.byARN[gs[i].ARN] = -1
				continue
			}
			s.byARN[gs[i].ARN] = i
			s.resolved[i] = s.resolve(gs[i])
		}
	})
	if i, ok := s.byARN[g.ARN]; ok && i >= 0 && sameRules(s.a.EC2.SecurityGroups[i].Ingress, g.Ingress) {
		return s.resolved[i]
	}
	return s.resolve(g)
}

// sameRules reports whether x and y are the same list (not a copy with
// other rules: a group built by a caller with the ARN of a collected one).
func sameRules(x, y []state.SGRule) bool {
	return len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
}

// resolve resolves the inbound rules of g.
func (s *sgResolver) resolve(g state.SecurityGroup) []*sgRule {
	rules := make([]sgRule, len(g.Ingress))
	out := make([]*sgRule, len(g.Ingress))
	for i, r := range g.Ingress {
		rules[i] = s.rule(g.Region, r)
		out[i] = &rules[i]
	}
	return out
}

func (s *sgResolver) rule(region string, r state.SGRule) sgRule {
	x := sgRule{SGRule: r, proto: sgProtocol(r.Protocol)}
	add := func(cidr, list string) {
		p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
		if err != nil {
			// Never dropped: an address range nobody can read is not "none".
			x.unread = append(x.unread, unreadList{why: fmt.Sprintf("source %q is not a CIDR", cidr)})
			return
		}
		x.sources = append(x.sources, sgSource{prefix: p, cidr: cidr, list: list})
	}
	for _, c := range r.CIDRs {
		add(c, "")
	}
	for _, c := range r.IPv6 {
		add(c, "")
	}
	for _, id := range r.PrefixLists {
		l, ok := s.lists[region+"/"+id]
		switch {
		case !ok:
			u := unreadList{id: id, why: "was not collected in " + region}
			if g, gok := s.a.Gaps.ForInput(state.InputEC2ManagedPrefixLists, region, ""); gok {
				u.gap = &g
			}
			x.unread = append(x.unread, u)
		case l.AWSManaged():
			x.awsLists = append(x.awsLists, id)
		default:
			if g, gok := s.a.Gaps.ForInput(state.InputEC2ManagedPrefixListEntries, region, l.ARN); gok {
				x.unread = append(x.unread, unreadList{id: id, gap: &g})
				continue
			}
			for _, c := range l.Entries {
				add(c, id)
			}
		}
	}
	return x
}

// internetFrom says how the rules, together, admit the whole internet:
// per address family the sources that cover it ("0.0.0.0/0",
// "0.0.0.0/1 + 128.0.0.0/1 in pl-1"), joined with " and " when both
// families are covered; "" when neither is.
func internetFrom(rules []*sgRule) string {
	var fams []string
	for _, v6 := range []bool{false, true} {
		if e := familyEvidence(rules, v6); e != "" {
			fams = append(fams, e)
		}
	}
	return strings.Join(fams, " and ")
}

// maxEvidence caps the sources listed for one family.
const maxEvidence = 4

// mayCover reports whether the sources of rules could cover a family:
// false when their sizes add up to less than half of it, a cheap test
// that spares the sweep for most rules (float rounding cannot close a
// gap that wide).
func mayCover(rules []*sgRule, v6 bool) bool {
	share := 0.0
	for _, r := range rules {
		for _, s := range r.sources {
			if s.prefix.Addr().Is6() == v6 {
				share += math.Ldexp(1, -s.prefix.Bits())
			}
		}
	}
	return share >= 0.5
}

// mayAdmitInternet reports whether rules could admit the whole of either
// address family.
func mayAdmitInternet(rules []*sgRule) bool {
	return mayCover(rules, false) || mayCover(rules, true)
}

func familyEvidence(rules []*sgRule, v6 bool) string {
	if !mayCover(rules, v6) {
		return ""
	}
	n := 0
	for _, r := range rules {
		n += len(r.sources)
	}
	// Sized once, on the stack for a few sources: this runs for every set
	// of rules a check asks about.
	var psBuf [8]netip.Prefix
	var srcsBuf [8]sgSource
	ps, srcs := psBuf[:0], srcsBuf[:0]
	if n > len(psBuf) {
		ps, srcs = make([]netip.Prefix, 0, n), make([]sgSource, 0, n)
	}
	for _, r := range rules {
		for _, s := range r.sources {
			if s.prefix.Addr().Is6() != v6 {
				continue
			}
			if s.prefix.Bits() == 0 { // one source is the whole family
				if s.list == "" {
					return s.cidr
				}
				return s.list + " (" + s.cidr + ")"
			}
			ps = append(ps, s.prefix)
			srcs = append(srcs, s)
		}
	}
	if !coversSpace(ps, v6) {
		return ""
	}
	return strings.Join(sourceLabels(srcs), " + ")
}

// unreadOf gathers the unread prefix lists of rules, once each.
func unreadOf(rules []*sgRule) []unreadList {
	var out []unreadList
	seen := map[string]bool{}
	for _, r := range rules {
		for _, u := range r.unread {
			if k := u.id + "|" + u.why; !seen[k] {
				seen[k] = true
				out = append(out, u)
			}
		}
	}
	return out
}

// openPorts lists the ports of ports that the rules admit from the whole
// internet, as "22 from 0.0.0.0/0 and ::/0" (UDP ones as "53/udp from
// ..."), and the unread prefix lists of the rules that admit any of them.
func openPorts(rules []*sgRule, ports []int) (open []string, unread []unreadList) {
	var undecided []*sgRule
	for _, r := range rules {
		if len(r.unread) == 0 {
			continue
		}
		for _, p := range ports {
			if r.admitsPort("tcp", p) || r.admitsPort("udp", p) {
				undecided = append(undecided, r)
				break
			}
		}
	}
	if !mayAdmitInternet(rules) {
		return nil, unreadOf(undecided)
	}
	var keptBuf [8]*sgRule // most groups have a few rules: no allocation
	kept := keptBuf[:0]
	// Most ports are admitted by the same rules (one "all traffic" rule
	// admits them all), and judging the same rules again for each port and
	// protocol was most of what the port checks allocated (0.23 GB at 1M
	// resources): the answers are remembered by the set of rules judged,
	// the bit set of their positions (so for groups of at most 64 rules,
	// and the first len(sets) sets).
	var sets [16]uint64
	var froms [16]string
	known := 0
	for _, p := range ports {
		tcp := ""
		for _, proto := range []string{"tcp", "udp"} {
			kept = kept[:0]
			var set uint64
			for i, r := range rules {
				if r.admitsPort(proto, p) {
					kept = append(kept, r)
					set |= 1 << (i % 64)
				}
			}
			from, hit := "", false
			if len(rules) <= 64 {
				for i := range known {
					if sets[i] == set {
						from, hit = froms[i], true
						break
					}
				}
			}
			if !hit {
				from = internetFrom(kept)
				if len(rules) <= 64 && known < len(sets) {
					sets[known], froms[known] = set, from
					known++
				}
			}
			switch {
			case from == "":
			case proto == "tcp":
				tcp = from
				open = append(open, strconv.Itoa(p)+" from "+from)
			case from != tcp:
				open = append(open, strconv.Itoa(p)+"/udp from "+from)
			}
		}
	}
	return open, unreadOf(undecided)
}

// judgeSGPorts fails g when it admits any of ports from the internet, is
// unknown when a prefix list that could admit them was not read, and
// passes otherwise.
func judgeSGPorts(g state.SecurityGroup, rules []*sgRule, ports []int, what string) check.Result {
	open, unread := openPorts(rules, ports)
	switch {
	case len(open) > 0:
		return check.FailR(g, "%s (%s) admits %s", g.ID, g.Name, strings.Join(open, ", "))
	case len(unread) > 0:
		return unreadResult(g, what, unread)
	}
	return check.PassR(g, "%s admits no %s from the internet", g.ID, what)
}

// unreadResult is the unknown answer for g when the prefix lists unread
// could admit what.
func unreadResult(g state.SecurityGroup, what string, unread []unreadList) check.Result {
	parts := make([]string, 0, len(unread))
	for _, u := range unread {
		parts = append(parts, u.String())
	}
	return check.UnknownR(g, "%s admits %s from sources that are unknown: %s", g.ID, what, strings.Join(parts, "; "))
}

// portSpan is a range of ports of one protocol.
type portSpan struct{ from, to int }

// openBeyondWeb lists what the rules, together, open to the whole internet
// besides TCP 80 and 443: "all traffic", TCP and UDP port ranges, and
// whole other protocols ("protocol 47"); ICMP is not judged. unread are the
// prefix lists left unread on rules that admit anything besides TCP
// 80/443 and ICMP.
func openBeyondWeb(rules []*sgRule) (bad []string, unread []unreadList) {
	byProto := map[string][]*sgRule{}
	var all, undecided []*sgRule
	for _, r := range rules {
		switch r.proto {
		case "all":
			all = append(all, r)
		case "icmp", "icmpv6":
			continue
		case "tcp":
			if r.FromPort == r.ToPort && authorizedInternetPort(r.FromPort) {
				continue
			}
		}
		if len(r.unread) > 0 {
			undecided = append(undecided, r)
		}
		byProto[r.proto] = append(byProto[r.proto], r)
	}
	unread = unreadOf(undecided)
	if !mayAdmitInternet(rules) {
		return nil, unread
	}
	if from := internetFrom(all); from != "" {
		return []string{"all traffic from " + from}, unread
	}
	protos := make([]string, 0, len(byProto))
	for p := range byProto {
		if p != "all" {
			protos = append(protos, p)
		}
	}
	sort.Strings(protos)
	for _, p := range protos {
		rs := append(append([]*sgRule(nil), byProto[p]...), all...)
		if p != "tcp" && p != "udp" {
			// Ports do not apply: the rule admits the whole protocol.
			if from := internetFrom(rs); from != "" {
				bad = append(bad, protocolName(p)+" from "+from)
			}
			continue
		}
		for _, s := range openSpans(p, rs) {
			if p == "tcp" && s.from == s.to && authorizedInternetPort(s.from) {
				continue
			}
			bad = append(bad, portRange(p, s.from, s.to)+" from "+s.evidence)
		}
	}
	return bad, unread
}

// protocolName renders an IANA protocol number for messages.
func protocolName(p string) string {
	names := map[string]string{"47": "GRE", "50": "ESP", "51": "AH", "132": "SCTP", "4": "IP-in-IP", "41": "IPv6-in-IPv4"}
	if n, ok := names[p]; ok {
		return "protocol " + p + " (" + n + ")"
	}
	if _, err := strconv.Atoi(p); err == nil {
		return "protocol " + p
	}
	return p
}

// evidencedSpan is a port range open to the internet with the sources
// that open it.
type evidencedSpan struct {
	portSpan
	evidence string
}

// openSpans lists the port ranges of protocol proto (tcp or udp) that the
// rules together open to the whole internet. Coverage can change only
// where a rule's range starts or ends, so each elementary range between
// those boundaries is judged once; adjacent open ranges opened by the same
// sources are merged.
func openSpans(proto string, rules []*sgRule) []evidencedSpan {
	cuts := map[int]bool{0: true, 65536: true}
	for _, r := range rules {
		if r.proto == proto {
			cuts[max(r.FromPort, 0)] = true
			cuts[min(r.ToPort, 65535)+1] = true
		}
	}
	bounds := make([]int, 0, len(cuts))
	for c := range cuts {
		bounds = append(bounds, c)
	}
	sort.Ints(bounds)
	var out []evidencedSpan
	kept := make([]*sgRule, 0, len(rules))
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i], bounds[i+1]-1
		kept = kept[:0]
		for _, r := range rules {
			if r.admitsPort(proto, lo) {
				kept = append(kept, r)
			}
		}
		from := internetFrom(kept)
		if from == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].to == lo-1 && out[n-1].evidence == from {
			out[n-1].to = hi
			continue
		}
		out = append(out, evidencedSpan{portSpan{lo, hi}, from})
	}
	return out
}

// untrustedSourcesOf lists the sources of rules admitting any of ports
// that are neither corporate (per the policy), private, nor AWS service
// ranges (AWS-managed prefix lists), the unread prefix lists of those
// rules, and the AWS-managed lists they reference.
func untrustedSourcesOf(rules []*sgRule, ports []int, corporate func(string) bool) (bad []string, unread []unreadList, aws []string) {
	var srcs []sgSource
	var undecided []*sgRule
	for _, r := range rules {
		covers := false
		for _, port := range ports {
			covers = covers || r.CoversPort(port)
		}
		if !covers {
			continue
		}
		if len(r.unread) > 0 {
			undecided = append(undecided, r)
		}
		aws = append(aws, r.awsLists...)
		for _, s := range r.sources {
			if !corporate(s.cidr) && !isPrivateCIDR(s.cidr) {
				srcs = append(srcs, s)
			}
		}
	}
	if len(srcs) > 0 {
		bad = sourceLabels(srcs)
	}
	return bad, unreadOf(undecided), aws
}
