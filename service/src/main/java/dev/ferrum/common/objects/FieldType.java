package dev.ferrum.common.objects;

/** Wire and storage type of an object field. OBJECT and LIST are JSON stored as text. */
public enum FieldType {
    STRING, UUID, BOOLEAN, INTEGER, OBJECT, LIST, DATETIME
}
