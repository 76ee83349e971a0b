/**
 * Every error the API returns has a code from this list; `ERROR_STATUS` maps each to
 * its HTTP status, exhaustively (a new code without a status does not compile).
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedRequest = 'MALFORMED_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  DossierNotFound = 'DOSSIER_NOT_FOUND',
  DossierTransitionNotAllowed = 'DOSSIER_TRANSITION_NOT_ALLOWED',
  DossierTransitionConditionsNotMet = 'DOSSIER_TRANSITION_CONDITIONS_NOT_MET',
  DossierVersionMismatch = 'DOSSIER_VERSION_MISMATCH',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  ConcurrentUpdate = 'CONCURRENT_UPDATE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}

export const ERROR_STATUS: { readonly [code in ErrorCode]: number } = {
  [ErrorCode.ValidationFailed]: 422,
  [ErrorCode.MalformedRequest]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.RouteNotFound]: 404,
  [ErrorCode.DossierNotFound]: 404,
  [ErrorCode.DossierTransitionNotAllowed]: 409,
  [ErrorCode.DossierTransitionConditionsNotMet]: 409,
  [ErrorCode.DossierVersionMismatch]: 412,
  [ErrorCode.IdempotencyKeyReused]: 422,
  [ErrorCode.ConcurrentUpdate]: 409,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.DatabaseUnavailable]: 503,
  [ErrorCode.InternalError]: 500,
};

/** Default French messages, shown by the interface when a service gives none. */
export const ERROR_MESSAGES: { readonly [code in ErrorCode]: string } = {
  [ErrorCode.ValidationFailed]: 'Certaines valeurs sont invalides.',
  [ErrorCode.MalformedRequest]: 'La requête est mal formée.',
  [ErrorCode.PayloadTooLarge]: 'La requête est trop volumineuse.',
  [ErrorCode.UnsupportedMediaType]: 'Le type de contenu n’est pas pris en charge (JSON attendu).',
  [ErrorCode.Unauthenticated]: 'Authentification requise.',
  [ErrorCode.Forbidden]: 'Votre rôle ne permet pas cette action.',
  [ErrorCode.RouteNotFound]: 'Cette adresse n’existe pas.',
  [ErrorCode.DossierNotFound]: 'Dossier introuvable.',
  [ErrorCode.DossierTransitionNotAllowed]: 'Cette action n’est pas possible à l’étape où se trouve le dossier.',
  [ErrorCode.DossierTransitionConditionsNotMet]: 'Les conditions de cette action ne sont pas réunies.',
  [ErrorCode.DossierVersionMismatch]: 'Le dossier a été modifié entre-temps : rechargez-le avant de continuer.',
  [ErrorCode.IdempotencyKeyReused]: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
  [ErrorCode.ConcurrentUpdate]: 'Le dossier est modifié par une autre requête : réessayez.',
  [ErrorCode.TooManyRequests]: 'Trop de requêtes : réessayez dans un instant.',
  [ErrorCode.DatabaseUnavailable]: 'La base de données est momentanément indisponible : réessayez dans un instant.',
  [ErrorCode.InternalError]: 'Erreur interne : elle a été journalisée.',
};
