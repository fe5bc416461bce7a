/** Where Link sends the customer and back; no secret here, only what a browser may know. */
export interface LinkSettings {
  /** Your Makini client id (public). */
  clientId: string;
  /** A page of your app that completes Link (`completeLink`, or `<LinkCallback />`), same origin as the page that starts it. */
  redirectUri: string;
  /** Where Makini Link is: Makini's, or a sandbox's `url`. @default 'https://link.makini.io' */
  linkUrl?: string;
}
