import type { ReactNode } from "react";
import { useUser } from "@sandlot/sdk";
import { AccountPage, AuthScreen, Link, match, NotFound, Shell, useRoute } from "@sandlot/kit";
import { PurchaseNotice } from "./components/PurchaseNotice";
import { useAccess } from "./lib/access";
import { PLAN } from "./lib/shop";
import { ManagePage } from "./pages/ManagePage";
import { ProductPage } from "./pages/ProductPage";
import { PurchasesPage } from "./pages/PurchasesPage";
import { ShopPage } from "./pages/ShopPage";
import Brand from "./blanks/Brand";
import Footer from "./blanks/Footer";
import Pricing from "./blanks/Pricing";
import "./styles/shop.css";

/** Locked shell: header, routes, footer. */
export function App(): ReactNode {
  const path = useRoute();
  const { user } = useUser();
  const cur = (p: string): "page" | undefined => (path === p ? "page" : undefined);
  const product = match("/p/:id", path);

  let page: ReactNode;
  if (path === "/") page = <ShopPage />;
  else if (product) page = <ProductPage key={product.id} id={product.id} />;
  else if (path === "/purchases") page = <PurchasesPage />;
  else if (path === "/signin") page = <AuthScreen mode="signin" next="/" />;
  else if (path === "/signup")
    page = <AuthScreen mode="signup" next="/" intro="An account keeps your purchases, ready to download again." />;
  else if (path === "/account") page = <Account />;
  else if (path === "/manage") page = <ManagePage />;
  else page = <NotFound homeLabel="Back to the shop" />;

  const nav = (
    <>
      <Link to="/" aria-current={cur("/")}>
        Shop
      </Link>
      {user ? (
        <>
          <Link to="/purchases" aria-current={cur("/purchases")}>
            My purchases
          </Link>
          <Link to="/account" aria-current={cur("/account")}>
            Account
          </Link>
        </>
      ) : (
        <>
          <Link to="/signin">Sign in</Link>
          <Link to="/signup" className="button primary small">
            Sign up
          </Link>
        </>
      )}
    </>
  );
  return (
    <Shell brand={<Brand />} nav={nav} footer={<Footer />} creatorPage={{ to: "/manage", label: "Manage products" }}>
      {page}
    </Shell>
  );
}

/** Both checkouts come back here: the plan's (the kit's page) and a product's (the notice above it). */
function Account(): ReactNode {
  const access = useAccess();
  return (
    <>
      <div className="container narrow">
        <PurchaseNotice access={access} />
      </div>
      <AccountPage
        plan={PLAN}
        heading="All-access"
        subscribedBadge="All-access"
        freeBadge="Pay per product"
        subscribedText="Every product in the shop is yours to download while your plan lasts."
        pricing={Pricing}
      />
    </>
  );
}
