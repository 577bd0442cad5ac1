package translatetest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/parleyhq/parley/translate"
	"github.com/parleyhq/parley/translate/translatetest"
)

func TestDetector(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Where is my order? I have been waiting for a week.", "en"},
		{"Wo ist meine Bestellung? Ich warte schon eine Woche.", "de"},
		{"¿Dónde está mi pedido? Llevo una semana esperando.", "es"},
		{"Où est ma commande ? J'attends depuis une semaine.", "fr"},
		{"Где мой заказ? Я жду уже неделю.", "ru"},
		{"Де моє замовлення? Я чекаю вже тиждень.", "uk"},
		{"أين طلبي؟ أنا أنتظر منذ أسبوع.", "ar"},
		{"איפה ההזמנה שלי? אני מחכה כבר שבוע.", "he"},
		{"我的订单在哪里？我已经等了一个星期了。", "zh"},
		{"注文した商品はどこですか？一週間待っています。", "ja"},
		{"12345 !!!", translate.Undetermined},
	}
	for _, tt := range tests {
		d, err := translatetest.Detector{}.Detect(context.Background(), translate.DetectInput{Text: tt.text})
		if err != nil || d.Language != tt.want {
			t.Errorf("Detect(%q) = %q, %v; want %q", tt.text, d.Language, err, tt.want)
		}
	}
}

func TestCountTokens(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Hello world", 2},
		{"Hello, world!", 4},
		{"internationalization", 4},
		{"Привет", 2},
		{"你好", 2},
		{"order 123456", 3},
		{"a\n\nb", 3},
	}
	for _, tt := range tests {
		if got := translatetest.CountTokens(tt.text); got != tt.want {
			t.Errorf("CountTokens(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestStandInKeepsTokens(t *testing.T) {
	in := "Где мой заказ 48213?\nСсылка: https://shop.example.com/o/48213"
	out := translatetest.StandIn(in, "en")
	for _, want := range []string{"48213", "https://shop.example.com/o/48213", "\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("StandIn(%q) = %q, lost %q", in, out, want)
		}
	}
	d, _ := translatetest.Detector{}.Detect(context.Background(), translate.DetectInput{Text: out})
	if d.Language != "en" {
		t.Errorf("StandIn(%q, en) = %q, detected %q", in, out, d.Language)
	}
}
