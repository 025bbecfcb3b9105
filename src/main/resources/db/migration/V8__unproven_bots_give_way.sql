-- No account holds a Telegram bot id with a token it did not prove. A token is proven when
-- Telegram's getMe confirmed it (bots.token_checked). Bots registered while checking was off
-- (BOTFACTORY_TELEGRAM_VERIFY=false), or by earlier versions while Telegram could not be asked,
-- are unproven: such a bot holds its Telegram bot id only until another account proves a token
-- of that Telegram bot, or until its own background check is rejected. It then gives the id up:
-- displaced_at says since when. It stays its owner's, shows webhook status token_rejected, and
-- is never run, until its owner sets a token that takes the id back.
ALTER TABLE bots ADD COLUMN displaced_at timestamptz;

-- A Telegram bot is held by one bot at a time, by anyone; bots that gave their id up do not
-- count. Concurrent registrations are still settled here: of two that prove the same Telegram
-- bot, one commits and the other meets this index.
ALTER TABLE bots DROP CONSTRAINT bots_telegram_bot_id_key;
CREATE UNIQUE INDEX bots_telegram_bot_id_key ON bots (telegram_bot_id) WHERE displaced_at IS NULL;
