/** One connection as the host app knows it; the list shows it and reads its health by `id`. */
export interface ConnectionListItem {
  /** The Makini connection key: the id the health source and Link know it by. */
  id: string;
  /** The customer's name for it, e.g. "Plant North". */
  name: string;
  /** The system's display name, e.g. "SAP S/4HANA". */
  system?: string;
  /** The system's provider slug, e.g. `sap-s4hana`; pre-selects the system when reconnecting. */
  platform?: string;
}
