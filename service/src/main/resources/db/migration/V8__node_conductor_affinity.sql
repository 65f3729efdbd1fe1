-- Ironic's nodes.conductor_affinity: the conductor that last prepared an active node's boot (deployed, adopted or
-- took it over). A conductor that owns an active node prepared by another, dead, one takes it over: the boot files
-- a network-booting node needs live on the conductor that wrote them. Not part of the API.

ALTER TABLE nodes ADD COLUMN conductor_affinity INTEGER;
