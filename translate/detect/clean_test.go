package detect

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "Hello, where is my order?", "hello where is my order"},
		{"url and email", "see https://shop.example.com/o/1?x=2 or mail me at ann@example.com please", "see or mail me at please"},
		{"order ids and numbers", "Order #A-55102 from 3/4/2025 cost 19,99€, ref SO-2024-77", "order from cost ref"},
		{"emoji", "thanks 🙏🙏 so much!!! 😀", "thanks so much"},
		{"mention and tag", "@support #urgent help", "help"},
		{"quoted lines", "Still broken.\n> We are sorry to hear that\n> Kind regards", "still broken"},
		{"reply header", "Ok danke\n\nAm Mo., 3. März 2025 um 10:00 schrieb Support <a@b.de>:\nWir haben Ihre Anfrage", "ok danke"},
		{"original message", "merci\n-----Original Message-----\nFrom: support", "merci"},
		{"signature", "Bitte um Rückruf\n-- \nHans Müller\nACME GmbH", "bitte um rückruf"},
		{"mobile footer", "ok gracias\nEnviado desde mi iPhone", "ok gracias"},
		{"header only keeps text", "On Mon, Ann wrote:\nhello there", "on mon ann wrote hello there"},
		{"latin brand in cyrillic", "Не работает iPhone после обновления iOS", "не работает после обновления"},
		{"latin brand in japanese", "iPhoneでアプリが落ちます", "でアプリが落ちます"},
		{"latin names outweigh chinese letters", "AirPods Pro 的左耳没有声音", "的左耳没有声音"},
		{"a chinese letter outweighs a latin one", "airpods pro 的左耳没有声音", "的左耳没有声音"},
		{"latin names outnumber cyrillic words", "Caps Lock не работает на MacBook Pro", "не работает на"},
		{"a cyrillic name in english", "Please send it to Иван", "please send it to"},
		{"names weigh half in every script", "WHERE IS MY ORDER Дмитрий Иванов", "where is my order"},
		{"title case and a cyrillic name", "Order Not Received Дмитрий Иванов", "order not received"},
		{"german nouns and a greek name", "Vielen Dank, Ελένη", "vielen dank"},
		{"a chinese name", "Thank you 王小明", "thank you"},
		{"a korean name", "Order for 김민수", "order for"},
		{"a japanese title", "Is 鬼滅の刃 in stock?", "is in stock"},
		{"a title-case letter is a capital", "ǅungla вам", "вам"},
		{"cjk with digits", "注文番号88213です", "注文番号 です"},
		{"latin i in ukrainian", "Привiт, допоможiть: iнформацiя", "привіт допоможіть інформація"},
		{"latin lookalikes in a cyrillic word", "заказ нe пришeл", "заказ не пришел"},
		{"latin words beside cyrillic ones stay latin", "привет iPhone и Mac", "привет и"},
		{"a code of both scripts stays mixed", "версии КАТBIN", "версии кат"},
		{"a latin capital before a cyrillic one stays latin", "IСвободно", "свободно"},
		{"every apostrophe is written '", "aujourd’hui, it‘s, don`t", "aujourd'hui it's don't"},
		{"ukrainian's modifier-letter apostrophe", "мʼясо", "м'ясо"},
		{"a name's apostrophe splits it", "Thanks, Maria D'Amico, from L'Occitane", "thanks maria d amico from l occitane"},
		{"a name after a small word", "grazie D'Amico", "grazie d amico"},
		{"an elision before a capital stays", "DELL'ID dell'IBAN L'ADRESSE all'Italia", "dell'id dell'iban l'adresse all'italia"},
		{"a capitalized elision starts a sentence", "L'Europe, enfin. D'Accord!\nL'Aquila", "l'europe enfin d'accord l'aquila"},
		{"a capitalized elision that no name has", "Merci J'Attends", "merci j'attends"},
		{"a title's elision before a small letter", "Changer L'adresse", "changer l'adresse"},
		{"an elision before a name", "la casa d'Italia", "la casa d'italia"},
		{"roman numerals are latin", "в ХIХ веке, ХХI", "в веке"},
		{"a word in capitals with latin lookalikes", "ЗAKAЗ", "заказ"},
		{"a word in capitals with a latin I", "IНТЕРНЕТ", "інтернет"},
		{"a latin code glued to a word", "заказOK режимECO", "заказ режим"},
		{"latin y and ë", "ДYЖЕ щë", "дуже щё"},
		{"apostrophe and hyphen", "l'adresse e-mail n'est pas bonne", "l'adresse e-mail n'est pas bonne"},
		{"no letters", "12345 !!! 😡 https://x.io", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in).Text
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Clean(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCleanCounts(t *testing.T) {
	c := Clean("Где мой заказ 5521? Amazon")
	if c.Words != 3 || c.Letters != 11 || c.script != scriptCyrillic {
		t.Errorf("Clean() = %d words, %d letters, script %d; want 3, 11, Cyrillic", c.Words, c.Letters, c.script)
	}
	if c := Clean("📦 #4411"); c.Letters != 0 || c.script != scriptNone {
		t.Errorf("Clean(no letters) = %d letters, script %d; want 0, none", c.Letters, c.script)
	}
}

func TestStripAccents(t *testing.T) {
	tests := map[string]string{
		"devolución": "devolucion",
		"größe":      "grosse",
		"zamówienie": "zamowienie",
		"łódź":       "lodz",
		"çalışmıyor": "calismiyor",
		"plain":      "plain",
	}
	for in, want := range tests {
		if got := stripAccents(in); got != want {
			t.Errorf("stripAccents(%q) = %q, want %q", in, got, want)
		}
	}
}
