import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { isApiError } from './api/client';
import { AppLayout } from './components/AppLayout';
import { DirectionSync } from './components/DirectionSync';
import { RequireAbility } from './components/RequireAbility';
import { UnauthorizedRedirect } from './components/UnauthorizedRedirect';
import { directionOf, initialLanguage } from './i18n';
import { cssVariablesResolver, useAppTheme } from './theme';
import { AgenciesPage } from './pages/AgenciesPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { PersonImportPage } from './pages/registry/PersonImportPage';
import { DuplicatesPage } from './pages/DuplicatesPage';
import { HomePage } from './pages/HomePage';
import { HostProfilePage } from './pages/HostProfilePage';
import { HouseholdPage } from './pages/HouseholdPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OperationPage } from './pages/OperationPage';
import { PersonProfilePage } from './pages/PersonProfilePage';
import { PersonRegisterPage } from './pages/PersonRegisterPage';
import { PersonsPage } from './pages/PersonsPage';
import { RightsCardPage } from './pages/RightsCardPage';
import { RightsGapsReportPage } from './pages/RightsGapsReportPage';
import { SetupPage } from './pages/SetupPage';
import { SitePage } from './pages/SitePage';
import { SitesPage } from './pages/SitesPage';
import { UsersPage } from './pages/UsersPage';
import { DistributionsPage } from './pages/assistance/DistributionsPage';
import { EnrolmentsPage } from './pages/assistance/EnrolmentsPage';
import { OperationDashboardPage } from './pages/assistance/OperationDashboardPage';
import { ProgrammePage } from './pages/assistance/ProgrammePage';
import { ProgrammesPage } from './pages/assistance/ProgrammesPage';
import { ProvidersPage } from './pages/assistance/ProvidersPage';
import { AgreementsPage } from './pages/transparency/AgreementsPage';
import { PublicTransparencyPage } from './pages/transparency/PublicTransparencyPage';
import { RelocationsPage } from './pages/transparency/RelocationsPage';
import { CasePage } from './pages/cases/CasePage';
import { CasesPage } from './pages/cases/CasesPage';
import { MyTasksPage } from './pages/cases/MyTasksPage';
import { ReferralInboxPage } from './pages/cases/ReferralInboxPage';
import { ServiceDirectoryPage } from './pages/cases/ServiceDirectoryPage';
import { IncidentEditPage, IncidentNewPage } from './pages/incidents/IncidentFormPages';
import { IncidentPage } from './pages/incidents/IncidentPage';
import { IncidentsPage } from './pages/incidents/IncidentsPage';
import { ProtectionMonitoringPage } from './pages/incidents/ProtectionMonitoringPage';
import { SourcesPage } from './pages/incidents/SourcesPage';
import { AccessExportPage } from './pages/dataprotection/AccessExportPage';
import { DataProtectionPage } from './pages/dataprotection/DataProtectionPage';
import { TransferRequestsPage } from './pages/dataprotection/TransferRequestsPage';
import { RequireAnyAbility } from './components/dataprotection/shared';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (4xx) will not fix themselves; retry only network/server failures.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const theme = useAppTheme();
  return (
    <DirectionProvider initialDirection={directionOf(initialLanguage)}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="light"
      >
        <DirectionSync />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <UnauthorizedRedirect />
            <Routes>
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/login" element={<LoginPage />} />
              {/* No sign-in: what an operation publishes (aggregates only). */}
              <Route path="/public/:operationCode" element={<PublicTransparencyPage />} />
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route
                  path="persons"
                  element={
                    <RequireAbility ability="persons.read">
                      <PersonsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="persons/new"
                  element={
                    <RequireAbility ability="persons.write">
                      <PersonRegisterPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="persons/import"
                  element={
                    <RequireAbility ability="persons.import">
                      <PersonImportPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="persons/:id"
                  element={
                    <RequireAbility ability="persons.read">
                      <PersonProfilePage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="persons/:id/rights-card"
                  element={
                    <RequireAbility ability="persons.read">
                      <RightsCardPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="households/:id"
                  element={
                    <RequireAbility ability="persons.read">
                      <HouseholdPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="duplicates"
                  element={
                    <RequireAbility ability="duplicates.review">
                      <DuplicatesPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="users"
                  element={
                    <RequireAbility ability="users.read">
                      <UsersPage />
                    </RequireAbility>
                  }
                />
                <Route path="agencies" element={<AgenciesPage />} />
                <Route
                  path="sites"
                  element={
                    <RequireAbility ability="sites.read">
                      <SitesPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="sites/:id"
                  element={
                    <RequireAbility ability="sites.read">
                      <SitePage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="operation"
                  element={
                    <RequireAbility ability="operation.manage">
                      <OperationPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="operation/host-profile"
                  element={
                    <RequireAbility ability="operation.manage">
                      <HostProfilePage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="reports/rights-gaps"
                  element={
                    <RequireAbility ability="rights.report">
                      <RightsGapsReportPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="audit"
                  element={
                    <RequireAbility ability="audit.read">
                      <AuditLogPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="tasks"
                  element={
                    <RequireAbility ability="cases.read">
                      <MyTasksPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="cases"
                  element={
                    <RequireAbility ability="cases.read">
                      <CasesPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="cases/:id"
                  element={
                    <RequireAbility ability="cases.read">
                      <CasePage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="referral-inbox"
                  element={
                    <RequireAbility ability="referrals.receive">
                      <ReferralInboxPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="services"
                  element={
                    <RequireAbility ability="services.read">
                      <ServiceDirectoryPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="incidents"
                  element={
                    <RequireAbility ability="incidents.read">
                      <IncidentsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="incidents/new"
                  element={
                    <RequireAbility ability="incidents.write">
                      <IncidentNewPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="incidents/:id"
                  element={
                    <RequireAbility ability="incidents.read">
                      <IncidentPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="incidents/:id/edit"
                  element={
                    <RequireAbility ability="incidents.write">
                      <IncidentEditPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="sources"
                  element={
                    <RequireAbility ability="sources.read">
                      <SourcesPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="reports/protection-monitoring"
                  element={
                    <RequireAbility ability="incidents.report">
                      <ProtectionMonitoringPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="dashboard"
                  element={
                    <RequireAbility ability="reports.read">
                      <OperationDashboardPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="assistance/providers"
                  element={
                    <RequireAbility ability="assistance.read">
                      <ProvidersPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="assistance/programmes"
                  element={
                    <RequireAbility ability="assistance.read">
                      <ProgrammesPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="assistance/programmes/:id"
                  element={
                    <RequireAbility ability="assistance.read">
                      <ProgrammePage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="assistance/distributions"
                  element={
                    <RequireAbility ability="assistance.record">
                      <DistributionsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="assistance/enrolments"
                  element={
                    <RequireAbility ability="assistance.read">
                      <EnrolmentsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="transparency/agreements"
                  element={
                    <RequireAbility ability="transparency.read">
                      <AgreementsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="transparency/relocations"
                  element={
                    <RequireAbility ability="transparency.read">
                      <RelocationsPage />
                    </RequireAbility>
                  }
                />
                {/* Data protection (docs/data-protection.md). */}
                <Route
                  path="data-protection"
                  element={
                    <RequireAbility ability="dataprotection.read">
                      <DataProtectionPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="transfer-requests"
                  element={
                    <RequireAnyAbility
                      abilities={['persons.read', 'transfers.approve', 'dataprotection.read']}
                    >
                      <TransferRequestsPage />
                    </RequireAnyAbility>
                  }
                />
                <Route
                  path="access-export/:id"
                  element={
                    <RequireAbility ability="subject_access.export">
                      <AccessExportPage />
                    </RequireAbility>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}
