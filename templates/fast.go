package templates

import (
	"text/template"
	"text/template/parse"
)

// The catalogs use a small part of text/template: text, {{.Field}} and
// {{if .Field}}…{{else}}…{{end}}. Templates that use only that part are
// compiled into ops and run without reflection, which keeps an
// acknowledgement well under the cost of text/template; anything else runs
// through text/template.

type opKind uint8

const (
	opText opKind = iota
	opField
	opIf
)

type op struct {
	kind  opKind
	text  string
	field int
	then  []op
	els   []op
}

// viewFields names the view's fields in the order field() indexes them.
var viewFields = []string{"Name", "Ticket", "Within", "Day", "OnDay", "Time", "Count", "Language", "Tag", "Provider", "Reason"}

func (v *view) field(i int) string {
	switch i {
	case 0:
		return v.Name
	case 1:
		return v.Ticket
	case 2:
		return v.Within
	case 3:
		return v.Day
	case 4:
		return v.OnDay
	case 5:
		return v.Time
	case 6:
		return v.Count
	case 7:
		return v.Language
	case 8:
		return v.Tag
	case 9:
		return v.Provider
	default:
		return v.Reason
	}
}

// compileOps turns a parsed template into ops; ok is false when it uses
// anything beyond fields and if/else.
func compileOps(t *template.Template) (ops []op, ok bool) {
	if t.Tree == nil || t.Tree.Root == nil {
		return nil, false
	}
	return compileList(t.Tree.Root)
}

func compileList(l *parse.ListNode) ([]op, bool) {
	if l == nil {
		return nil, true
	}
	var out []op
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			out = append(out, op{kind: opText, text: string(n.Text)})
		case *parse.ActionNode:
			f, ok := singleField(n.Pipe)
			if !ok {
				return nil, false
			}
			out = append(out, op{kind: opField, field: f})
		case *parse.IfNode:
			f, ok := singleField(n.Pipe)
			if !ok {
				return nil, false
			}
			then, ok1 := compileList(n.List)
			els, ok2 := compileList(n.ElseList)
			if !ok1 || !ok2 {
				return nil, false
			}
			out = append(out, op{kind: opIf, field: f, then: then, els: els})
		default:
			return nil, false
		}
	}
	return out, true
}

// singleField reports the view field a pipeline is exactly ".Field".
func singleField(p *parse.PipeNode) (int, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return 0, false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return 0, false
	}
	for i, name := range viewFields {
		if name == f.Ident[0] {
			return i, true
		}
	}
	return 0, false
}

// runOps appends the output of ops for v to buf.
func runOps(ops []op, v *view, buf []byte) []byte {
	for i := range ops {
		o := &ops[i]
		switch o.kind {
		case opText:
			buf = append(buf, o.text...)
		case opField:
			buf = append(buf, v.field(o.field)...)
		case opIf:
			if v.field(o.field) != "" {
				buf = runOps(o.then, v, buf)
			} else {
				buf = runOps(o.els, v, buf)
			}
		}
	}
	return buf
}
