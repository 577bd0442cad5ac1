package main

// shortMessages are customer messages under 200 characters, as they reach
// a helpdesk, grouped by language; all are translated into English.
var shortMessages = map[string][]string{
	"ru": {
		"Здравствуйте! Где мой заказ 48213? Жду уже две недели.",
		"Посылка пришла, но коробка была повреждена.",
		"Можно ли поменять адрес доставки?",
		"Спасибо, всё получил!",
		"Почему с карты списали деньги дважды?",
		"Когда будет возврат средств за заказ 55190?",
		"Не могу войти в личный кабинет, пишет «неверный пароль».",
		"Подскажите, есть ли эта куртка в размере M?",
		"Курьер не пришёл в назначенное время.",
		"Хочу отменить подписку, как это сделать?",
		"Промокод SPRING10 не работает при оплате.",
		"Добрый день, можно получить счёт для юридического лица?",
		"Товар не соответствует описанию на сайте.",
		"Сколько стоит доставка в Казань?",
		"Отправьте, пожалуйста, трек-номер.",
		"Мне пришёл не тот цвет, заказывала синий.",
		"Приложение вылетает при оплате картой.",
		"Можно ли оплатить при получении?",
		"Где найти инструкцию к пылесосу?",
		"Спасибо за быстрый ответ!",
	},
	"de": {
		"Hallo, meine Bestellung 77120 ist noch nicht angekommen.",
		"Ich möchte den Artikel zurückschicken. Wie geht das?",
		"Die Rechnung enthält einen falschen Betrag.",
		"Können Sie mir die Sendungsnummer schicken?",
		"Das Paket wurde an die falsche Adresse geliefert.",
		"Vielen Dank für die schnelle Hilfe!",
		"Wann wird der Artikel wieder verfügbar sein?",
		"Ich habe mein Passwort vergessen und bekomme keine E-Mail.",
		"Ist eine Lieferung nach Österreich möglich?",
		"Der Gutschein funktioniert an der Kasse nicht.",
	},
	"es": {
		"Hola, mi pedido 30917 todavía no ha llegado.",
		"¿Puedo cambiar la talla de unos zapatos?",
		"Me cobraron dos veces el mismo pedido.",
		"¿Cuánto tarda el envío a Valencia?",
		"El producto llegó roto, ¿qué hago?",
		"Gracias por la ayuda, todo resuelto.",
		"No recibí el correo de confirmación.",
		"¿Tienen tienda física en Madrid?",
		"Quiero cancelar mi suscripción.",
		"La aplicación no me deja pagar con tarjeta.",
	},
}

// greetings, thanks and questions are what customers write again and
// again; agentMacros are the canned replies agents send, in English.
var (
	greetings = map[string][]string{
		"ru": {"Здравствуйте!", "Добрый день!", "Привет!"},
		"de": {"Hallo!", "Guten Tag!", "Hallo zusammen!"},
		"es": {"¡Hola!", "Buenos días.", "Hola, buenas tardes."},
		"fr": {"Bonjour !", "Bonsoir.", "Bonjour à vous."},
	}
	thanks = map[string][]string{
		"ru": {"Спасибо!", "Спасибо большое!", "Спасибо, всё понятно."},
		"de": {"Danke!", "Vielen Dank!", "Danke, das hilft mir."},
		"es": {"¡Gracias!", "Muchas gracias.", "Gracias, todo claro."},
		"fr": {"Merci !", "Merci beaucoup.", "Merci, c'est clair."},
	}
	problems = map[string][]string{
		"ru": {"Где мой заказ %d?", "Заказ %d пришёл повреждённым.", "Хочу вернуть заказ %d.", "С карты дважды списали оплату за заказ %d."},
		"de": {"Wo ist meine Bestellung %d?", "Bestellung %d kam beschädigt an.", "Ich möchte Bestellung %d zurückgeben.", "Bestellung %d wurde doppelt abgebucht."},
		"es": {"¿Dónde está mi pedido %d?", "El pedido %d llegó dañado.", "Quiero devolver el pedido %d.", "Me cobraron dos veces el pedido %d."},
		"fr": {"Où est ma commande %d ?", "La commande %d est arrivée abîmée.", "Je veux retourner la commande %d.", "La commande %d a été débitée deux fois."},
	}
	agentMacros = []string{
		"Thank you for contacting us. We are looking into it and will get back to you shortly.",
		"Could you please send us a photo of the damaged item?",
		"Your refund has been processed and should reach your account within 5 business days.",
		"We have sent you a new shipping label by e-mail.",
		"Is there anything else we can help you with?",
		"I am sorry for the inconvenience. A replacement is on its way.",
	}
	agentSpecific = "I checked order %d: it left our warehouse on %s and is now with the carrier."
	days          = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
)
