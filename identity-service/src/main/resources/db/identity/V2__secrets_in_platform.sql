-- Service secrets now live in the platform's table (custody_service_secret), which every service
-- shares the mechanism of; the throttle key moves there unchanged.
/* [jooq ignore start] */
INSERT IGNORE INTO custody_service_secret (name, secret, create_time)
  SELECT name, secret, create_time FROM service_secrets;
/* [jooq ignore stop] */
DROP TABLE service_secrets;
