// Azure Bot registration for a user-assigned managed identity, as the Microsoft 365 Agents Toolkit's bot
// templates register it (botRegistration/azurebot.bicep, MSI variant): msaAppType 'UserAssignedMSI', the
// identity's client id as msaAppId, and the Microsoft Teams channel only.
@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

param botServiceName string = resourceBaseName
param botServiceSku string = 'F0'
param identityResourceId string
param identityClientId string
param identityTenantId string
param botAppDomain string

// Register your web service as a bot with the Bot Framework
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
    // Only Entra (managed identity) authentication: no channel secrets (Direct Line / Web Chat keys).
    disableLocalAuth: true
  }
  sku: {
    name: botServiceSku
  }
}

// Connect the bot service to Microsoft Teams; no other channel is declared (the bot serves msteams only).
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
