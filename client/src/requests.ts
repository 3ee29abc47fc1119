import type { CancellationToken, Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ProtocolNotification, ProtocolRequest } from '../../protocol/protocol';

/** Sends one of Standpoint's own requests, typed by its protocol definition (the server handles it by the same one). */
export function sendRequest<P, R>(client: BaseLanguageClient, request: ProtocolRequest<P, R>, params: P, token?: CancellationToken): Promise<R> {
  return token ? client.sendRequest<R>(request.method, params, token) : client.sendRequest<R>(request.method, params);
}

export function onNotification<P>(client: BaseLanguageClient, notification: ProtocolNotification<P>, handler: (params: P) => void): Disposable {
  return client.onNotification(notification.method, handler);
}
