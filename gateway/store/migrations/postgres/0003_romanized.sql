-- The language of a message typed in Latin letters in a language normally
-- written in another script (translate.Detection.Romanized: "ru" for
-- "spasibo"), shown to agents beside the message; '' for none.
ALTER TABLE messages ADD COLUMN romanized TEXT NOT NULL DEFAULT '';
