package translatetest

import (
	"regexp"
	"strings"

	"github.com/parleyhq/parley/translate"
)

// Injection is what a model does when it obeys the instructions hidden in
// a message instead of translating it.
type Injection struct {
	// Kind is "reveal" (answer with the system prompt it was given),
	// "reverse" (the system prompt written backwards), "quote" (answer
	// with the payload in quotes or a code block of the message) or "say"
	// (answer with Output).
	Kind   string `json:"kind"`
	Output string `json:"output,omitempty"`
}

// Model is a fake chat model that understands the instructions of package
// openai: it reads the target from the "Target language: Name (xx)." line
// and the text from between the tags (or a batch's JSON items). It
// translates with its Phrasebook, or else writes a stand-in translation:
// words of the target language in place of the original's, with the same
// links, numbers and line breaks, about as long.
//
// With Obey set, a text listed in Injections is not translated but obeyed,
// the way a model taken over by a prompt injection answers; ObeyStrict
// keeps obeying under the stricter retry instructions.
type Model struct {
	// Phrasebook maps a text to its translations: Phrasebook[text][lang].
	Phrasebook map[string]map[string]string
	// Injections maps a text to what obeying it produces.
	Injections map[string]Injection
	Obey       bool
	ObeyStrict bool
}

var (
	targetLine = regexp.MustCompile(`Target language: [^\n]*\(([A-Za-z\-]+)\)\.`)
	taggedText = regexp.MustCompile(`(?s)^<(text-[0-9a-f]+)>\n(.*)\n</text-[0-9a-f]+>$`)
	fenced     = regexp.MustCompile("(?s)```[a-zA-Z]*\n?(.*?)```")
	quoted     = regexp.MustCompile(`"([^"]{3,})"|“([^”]{3,})”|«([^»]{3,})»|„([^“]{3,})“|'([^']{6,})'|「([^」]{2,})」`)
	protected  = regexp.MustCompile(`(?i)(?:https?://|www\.)\S+|[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}|\d+|\n`)
)

// Target returns the target language named in a system prompt.
func Target(system string) string {
	if m := targetLine.FindStringSubmatch(system); m != nil {
		return m[1]
	}
	return ""
}

// Untag returns the text between the delimiter tags of a user message.
func Untag(user string) (string, bool) {
	m := taggedText.FindStringSubmatch(user)
	if m == nil {
		return "", false
	}
	return m[2], true
}

// Answer returns what the model says to one text, given the system prompt.
func (m *Model) Answer(system, text string) string {
	strict := strings.Contains(system, "previous answer was rejected")
	if inj, ok := m.Injections[text]; ok && m.Obey && (!strict || m.ObeyStrict) {
		switch inj.Kind {
		case "reveal":
			return system
		case "quote":
			return Payload(text)
		case "reverse":
			r := []rune(system)
			for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
				r[i], r[j] = r[j], r[i]
			}
			return string(r)
		default:
			return inj.Output
		}
	}
	return m.Translate(text, Target(system))
}

// Translate returns the model's faithful translation of text into lang.
func (m *Model) Translate(text, lang string) string {
	if t, ok := m.Phrasebook[text][translate.BaseLanguage(lang)]; ok {
		return t
	}
	return StandIn(text, lang)
}

// Payload returns what a message asks to have said: the first code block,
// or else the last quoted passage; the whole text when there is neither.
func Payload(text string) string {
	if m := fenced.FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1])
	}
	all := quoted.FindAllStringSubmatch(text, -1)
	if len(all) == 0 {
		return text
	}
	for _, g := range all[len(all)-1][1:] {
		if g != "" {
			return g
		}
	}
	return text
}

// fillers are words of each language that the stand-in translation is
// written with.
var fillers = map[string][]string{
	"en": strings.Fields("the order has not arrived yet and I would like to know when it will be delivered to my address please help me with this"),
	"de": strings.Fields("die Bestellung ist noch nicht angekommen und ich möchte wissen wann sie an meine Adresse geliefert wird bitte helfen Sie mir"),
	"fr": strings.Fields("la commande n'est pas encore arrivée et je voudrais savoir quand elle sera livrée à mon adresse merci de votre aide"),
	"es": strings.Fields("el pedido todavía no ha llegado y me gustaría saber cuándo será entregado en mi dirección gracias por su ayuda"),
	"it": strings.Fields("il mio ordine non è ancora arrivato e vorrei sapere quando sarà consegnato al mio indirizzo grazie per la pazienza"),
	"pt": strings.Fields("o meu pedido ainda não chegou e eu gostaria de saber quando será entregue no meu endereço obrigado pela ajuda"),
	"nl": strings.Fields("de bestelling is nog niet aangekomen en ik wil graag weten wanneer het op mijn adres wordt bezorgd bedankt voor uw hulp"),
	"pl": strings.Fields("zamówienie jeszcze nie dotarło i chciałbym wiedzieć kiedy zostanie dostarczone na mój adres dziękuję za pomoc"),
	"tr": strings.Fields("siparişim henüz gelmedi ve adresime ne zaman teslim edileceğini bilmek istiyorum yardımınız için teşekkür ederim"),
	"ru": strings.Fields("мой заказ ещё не пришёл и я хотел бы узнать когда его доставят по моему адресу спасибо за помощь"),
	"uk": strings.Fields("моє замовлення ще не прийшло і я хотів би дізнатися коли його доставлять на мою адресу дякую за допомогу"),
	"el": strings.Fields("η παραγγελία μου δεν έχει φτάσει ακόμα και θα ήθελα να μάθω πότε θα παραδοθεί στη διεύθυνσή μου ευχαριστώ"),
	"ar": strings.Fields("لم يصل طلبي بعد وأود أن أعرف متى سيتم توصيله إلى عنواني شكرا لمساعدتكم"),
	"he": strings.Fields("ההזמנה שלי עדיין לא הגיעה ואני רוצה לדעת מתי היא תימסר לכתובת שלי תודה על העזרה"),
	"zh": strings.Split("我的订单还没有到请问什么时候会送到我的地址谢谢你们的帮助", ""),
	"ja": strings.Split("注文した商品がまだ届いていませんいつ私の住所に届きますか助けてくださいありがとうございます", ""),
	"ko": strings.Split("주문한상품이아직도착하지않았습니다언제제주소로배송되는지알고싶습니다도와주셔서감사합니다", ""),
}

// StandIn writes a stand-in translation of text into lang: the links,
// numbers and line breaks of text in their places, and between them words
// of lang about as long (by translate.Weight) as the words they replace.
func StandIn(text, lang string) string {
	words := fillers[translate.BaseLanguage(lang)]
	if len(words) == 0 {
		words = fillers["en"]
	}
	joiner := " "
	if strings.Contains("zh ja ko", translate.BaseLanguage(lang)) {
		joiner = ""
	}
	var b strings.Builder
	next := 0
	emit := func(segment string) {
		want := translate.Weight(segment)
		var out []string
		for got := 0; got < want*9/10 || (want > 0 && len(out) == 0); {
			w := words[next%len(words)]
			next++
			out = append(out, w)
			got += translate.Weight(w)
		}
		if len(out) > 0 {
			b.WriteString(strings.Join(out, joiner))
		}
	}
	last := 0
	for _, loc := range protected.FindAllStringIndex(text, -1) {
		if seg := text[last:loc[0]]; strings.TrimSpace(seg) != "" {
			emit(seg)
			b.WriteString(" ")
		}
		b.WriteString(text[loc[0]:loc[1]])
		if text[loc[0]:loc[1]] != "\n" {
			b.WriteString(" ")
		}
		last = loc[1]
	}
	if seg := text[last:]; strings.TrimSpace(seg) != "" {
		emit(seg)
	}
	return strings.TrimSpace(b.String())
}
